import { createHmac, timingSafeEqual } from 'node:crypto';

const b64url = (buf: Buffer | string): string => Buffer.from(buf).toString('base64url');

/**
 * HS256 JWTs. Real clients decode the payload without verifying the signature, so any well-formed JWT works for
 * them; signing with a per-emulator secret lets the emulator reject tokens it never issued.
 */
export class JwtSigner {
  constructor(private readonly secret: Buffer) {}

  sign(payload: Record<string, unknown>): string {
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'emulator' }));
    const body = b64url(JSON.stringify(payload));
    const sig = createHmac('sha256', this.secret).update(`${header}.${body}`).digest();
    return `${header}.${body}.${b64url(sig)}`;
  }

  /** The payload when the token is well formed and signed by this emulator; otherwise undefined. */
  verify(token: string): Record<string, unknown> | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, body, sig] = parts as [string, string, string];
    const expected = createHmac('sha256', this.secret).update(`${header}.${body}`).digest();
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
      return typeof payload === 'object' && payload !== null
        ? (payload as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Decodes a JWT payload without verifying it, like the Codex CLI does. For tests. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const body = token.split('.')[1];
  if (!body) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
}
