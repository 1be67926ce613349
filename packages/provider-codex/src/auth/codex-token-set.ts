import type { CodexTokenIdentity } from './codex-id-token.js';

/** A token set as returned by a login (code exchange). Secrets: never log or print any field but identity. */
export type CodexTokenSet = {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  /** When the access token expires, when known. */
  expiresAt?: Date;
  /** Identity read from the id token. */
  identity: CodexTokenIdentity;
};
