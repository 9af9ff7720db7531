/** English messages of the dkim module. */
export const dkim = {
};
