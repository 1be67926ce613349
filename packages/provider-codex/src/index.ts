// Each area adds its own export lines here; keep one line per module.
export * from './codex-options.js';
export * from './codex-plugin.js';
export * from './create-codex-provider.js';
export * from './codex-headers.js';
export * from './models/index.js';
export * from './effort/codex-effort-policy.js';
