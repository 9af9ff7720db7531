/** English messages of arc (filled in by its module). */
export const arc = {};
