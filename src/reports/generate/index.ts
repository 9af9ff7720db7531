export * from './aggregate.js';
export * from './xml.js';
export * from './schema.js';
export * from './file.js';
export * from './authorize.js';
export * from './failure.js';
export * from './send.js';
export * from './rows.js';
