export * from './imap-url.js';
export * from './imap.js';
export * from './watch.js';
