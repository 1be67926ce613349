export * from './device-code-poller.js';
export * from './html-pages.js';
export * from './loopback-callback-server.js';
export * from './pasted-redirect.js';
export * from './pkce.js';
export * from './redirect-params.js';
