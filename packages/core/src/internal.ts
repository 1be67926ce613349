// @ccs/core/internal: what the ccs CLI and proxy share beyond the public API. UNSTABLE: any name here
// may change or go away in any release, without a major version. Tools and plugins import from
// `@ccs/core` only. (This entry re-exports the public one, so an app needs one import path.)
export * from './config/index.js';
export { commandHint, suggestionWithHint } from './errors/command-hint.js';
export * from './errors/index.js';
export * from './format/closest-names.js';
export * from './format/format-countdown.js';
export * from './format/quota-json.js';
export * from './host/index.js';
export * from './index.js';
export * from './logger/index.js';
export * from './paths/ccs-paths.js';
export * from './settings/load-ccs-settings.js';
export * from './spec/v1/index.js';
