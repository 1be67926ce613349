import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  /** Secret kept by the client and sent only with the code exchange. */
  verifier: string;
  /** base64url(SHA-256(verifier)), sent on the authorize URL. */
  challenge: string;
  method: 'S256';
}

/** base64url without padding (RFC 7636 §A). */
export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A PKCE S256 pair: 64 random bytes as the verifier (86 characters), as the Codex CLI does. */
export function createPkcePair(byteLength = 64): PkcePair {
  const verifier = base64Url(randomBytes(byteLength));
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge, method: 'S256' };
}

/** An unguessable OAuth `state` (32 random bytes, base64url). */
export function randomState(byteLength = 32): string {
  return base64Url(randomBytes(byteLength));
}
