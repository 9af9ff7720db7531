/** English messages of the dmarc module. */
export const dmarc = {
};
