export * from './ccs-error.js';
