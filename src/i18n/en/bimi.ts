/** English messages of bimi (filled in by its module). */
export const bimi = {};
