export * from './types.js';
export { parseSpf, isSpfRecord } from './parse.js';
export { parseMacroString } from './macro-parse.js';
