/**
 * Reads a JWT's claims WITHOUT verifying its signature. Only for tokens we received directly from
 * the issuer over TLS (to learn expiry, plan, account id); never for authorisation decisions.
 * Returns undefined for anything that is not a JWT with a JSON object payload.
 */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  const payload = parts[1]!.replace(/=+$/, '');
  // Strict alphabet check: Buffer.from(…, 'base64url') silently skips junk characters.
  if (payload.length === 0 || !/^[A-Za-z0-9_-]+$/.test(payload) || payload.length % 4 === 1) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return undefined;
    return claims as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The `exp` claim as a Date, or undefined when absent or not a finite number of seconds. */
export function jwtExpiry(token: string): Date | undefined {
  const exp = decodeJwtClaims(token)?.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= 0) return undefined;
  return new Date(exp * 1000);
}
