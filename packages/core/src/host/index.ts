export { detectHeadless } from './detect-headless.js';
export * from './load-config-plugins.js';
export { loadOpenAICompatibility } from './load-openai-compatibility.js';
export * from './plugin-host.js';
export * from './plugin-shape.js';
export { isPathSpecifier, resolvePluginEntry } from './resolve-plugin-entry.js';
