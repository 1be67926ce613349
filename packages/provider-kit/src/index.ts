// The public API of @ccs/provider-kit: helpers for provider authors. Each name here is a promise kept
// across minor versions; api/provider-kit.api.md is the reviewed list. One line per concept; see README.md.

// Cache, single-flight, files, locks
export {
  TtlCache,
  type TtlCacheEntry,
  type TtlCacheLoadResult,
  type TtlCacheOptions,
} from './cache/ttl-cache.js';
export { createSingleFlight, type SingleFlight } from './flight/single-flight.js';
export {
  ensureDir,
  moveAside,
  type ReadJsonResult,
  readJsonFile,
  readTextFile,
  type WriteFileAtomicOptions,
  writeFileAtomic,
} from './fs/atomic-write.js';
export { fileStamp } from './fs/file-stamp.js';
export { isProcessAlive } from './fs/is-process-alive.js';
// HTTP: the ky client with the house defaults, and the mapping of failures to CcsError
export {
  createHttpClient,
  type HTTPError,
  type HttpClientOptions,
  type KyInstance,
  type TimeoutError,
} from './http/create-http-client.js';
export { type ErrorBody, readErrorBody } from './http/read-error-body.js';
export {
  parseRetryAfterSeconds,
  toUpstreamError,
  type UpstreamErrorOptions,
} from './http/to-upstream-error.js';
// JSON request bodies: the bytes of JSON.stringify, encoded in pieces (faster for large bodies)
export { jsonBytes } from './json/json-bytes.js';
// Tokens and secrets
export { decodeJwtClaims, jwtExpiry } from './jwt/decode-jwt-claims.js';
export { type FileLockOptions, withFileLock } from './lock/file-lock.js';
// OAuth: PKCE, loopback callback server, pasted redirect URLs, device-code polling, result pages
export {
  DEVICE_CODE_MIN_INTERVAL_MS,
  DEVICE_CODE_TIMEOUT_MS,
  type DevicePollResult,
  type PollDeviceCodeOptions,
  parseIntervalSeconds,
  pollDeviceCode,
} from './oauth/device-code-poller.js';
export { errorPage, type PageContent, successPage } from './oauth/html-pages.js';
export {
  type CallbackOutcome,
  type CallbackServerOptions,
  type LoopbackCallbackServer,
  type SubmitResult,
  startCallbackServer,
} from './oauth/loopback-callback-server.js';
export { type ReadPastedRedirectOptions, readPastedRedirectUrl } from './oauth/pasted-redirect.js';
export { createPkcePair, type PkcePair, randomState } from './oauth/pkce.js';
export { parseRedirectUrl, type RedirectParams } from './oauth/redirect-params.js';
export { REDACTED, redactSecrets } from './redact/redact-secrets.js';
// Server-sent events
export {
  createSseDecoder,
  DEFAULT_MAX_SSE_EVENT_CHARS,
  type SseDecoder,
  type SseDecoderOptions,
  type SseEvent,
} from './sse/sse-decoder.js';
// Opening a provider's stream: resolve at the first output, reject on an early failure
export {
  type HoldUntilFirstOutputOptions,
  holdUntilFirstOutput,
  type StreamPartSource,
} from './stream/hold-until-first-output.js';
