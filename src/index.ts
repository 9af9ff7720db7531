export * as dns from './dns/index.js';
export * as spf from './spf/index.js';
export * as message from './message/index.js';
