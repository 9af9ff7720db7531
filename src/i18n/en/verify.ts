/** English messages of the verify module. */
export const verify = {
};
