// Generic helpers (files, locks, single-flight, JWT, SSE, cache, HTTP).
export * from './common.js';
// OAuth helpers (PKCE, loopback callback server, device-code polling).
export * from './oauth/index.js';
