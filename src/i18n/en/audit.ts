/** English messages of audit (filled in by its module). */
export const audit = {};
