/** English messages of the message module. */
export const message = {
};
