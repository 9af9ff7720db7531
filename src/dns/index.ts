export * from './types.js';
export * from './ip.js';
export * from './memory.js';
