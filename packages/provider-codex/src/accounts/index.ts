export * from './apply-codex-login.js';
export * from './codex-account-state.js';
export * from './codex-account-store.js';
export * from './codex-accounts-registry.js';
export * from './codex-nickname.js';
export * from './codex-token-file.js';
