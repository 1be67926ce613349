export * from './config/index.js';
export * from './errors/index.js';
export * from './format/format-countdown.js';
export * from './format/quota-json.js';
export * from './host/index.js';
export * from './logger/index.js';
export * from './paths/ccs-paths.js';
export * from './spec/v1/index.js';
