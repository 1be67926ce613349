export * from './errors/index.js';
export * from './paths/ccs-paths.js';
export * from './spec/v1/index.js';
