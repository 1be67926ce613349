// Generic helpers every provider author needs. Each module is one concept; see README.md.

export * from './cache/ttl-cache.js';
export * from './flight/single-flight.js';
export * from './fs/atomic-write.js';
export { fileStamp } from './fs/file-stamp.js';
export * from './http/create-http-client.js';
export * from './http/to-upstream-error.js';
export * from './jwt/decode-jwt-claims.js';
export * from './lock/file-lock.js';
export * from './redact/redact-secrets.js';
export * from './sse/encode-sse.js';
export * from './sse/parse-sse.js';
export * from './sse/sse-decoder.js';
