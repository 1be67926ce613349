import { createHash, randomBytes } from 'node:crypto';

export const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/** A PKCE pair as the Codex CLI makes it: 64 random bytes, base64url without padding. */
export function makePkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: s256(verifier) };
}
