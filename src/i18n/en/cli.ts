/** English messages of the command line. */
export const cli = {
};
