/** English messages of the dkim-sign module. */
export const dkimSign = {
};
