export * from './codex-chat-model.js';
export * from './codex-errors.js';
export * from './codex-session-key.js';
export * from './codex-tool-names.js';
export * from './codex-transport.js';
export * from './map-chat-request.js';
export * from './responses-request.js';
export * from './responses-stream-mapper.js';
