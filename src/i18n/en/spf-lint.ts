/** English messages of the SPF lint. */
export const spfLint = {
};
