/** English messages of mtasts (filled in by its module). */
export const mtaSts = {};
