/** English messages of the authres module. */
export const authres = {
};
