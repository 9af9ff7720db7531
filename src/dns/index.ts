export * from './types.js';
export * from './ip.js';
