/** English messages of the dns module. */
export const dns = {
};
