import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A constant-time check of `x-api-key` or `Authorization: Bearer` against the local key. */
export function createApiKeyCheck(apiKey: string): (headers: IncomingHttpHeaders) => boolean {
  const expected = digest(apiKey);
  return (headers) => {
    let presented = headers['x-api-key'];
    if (Array.isArray(presented)) presented = presented[0];
    if (!presented) {
      const auth = headers.authorization;
      if (auth?.toLowerCase().startsWith('bearer ')) presented = auth.slice(7).trim();
    }
    if (!presented) return false;
    // Hashing first gives equal-length buffers, so the comparison leaks neither content nor length.
    return timingSafeEqual(digest(presented), expected);
  };
}
