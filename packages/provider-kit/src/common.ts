// Generic helpers every provider author needs. Each module is one concept; see README.md.
export * from './fs/atomic-write.js';
export * from './lock/file-lock.js';
