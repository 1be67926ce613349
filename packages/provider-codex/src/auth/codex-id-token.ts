import { decodeJwtClaims, jwtExpiry } from '@ccs/provider-kit';
import { z } from 'zod';

const AUTH_NAMESPACE = 'https://api.openai.com/auth';
const PROFILE_NAMESPACE = 'https://api.openai.com/profile';

// Tolerant: every field optional, unknown fields ignored (the issuer adds claims over time).
const authClaimsSchema = z.looseObject({
  chatgpt_plan_type: z.string().optional().catch(undefined),
  chatgpt_account_id: z.string().optional().catch(undefined),
  chatgpt_user_id: z.string().optional().catch(undefined),
  user_id: z.string().optional().catch(undefined),
  chatgpt_account_is_fedramp: z.boolean().optional().catch(undefined),
});

/** What ccs needs to know about the person and workspace behind a token set. */
export interface CodexTokenIdentity {
  email?: string;
  /** The ChatGPT workspace/account id (`ChatGPT-Account-ID` header). */
  chatgptAccountId?: string;
  /** Raw plan from `chatgpt_plan_type`, lower-cased; unknown values are kept as they are. */
  plan?: string;
  userId?: string;
  fedramp?: boolean;
}

/** Normalises a plan string: trimmed and lower-cased, never mapped away (e.g. "Business" → "business"). */
export function normalizeCodexPlan(plan: string | undefined | null): string | undefined {
  const value = plan?.trim().toLowerCase();
  return value ? value : undefined;
}

/**
 * Reads the identity claims of an id token (or access token) without verifying the signature: the
 * token came straight from the issuer over TLS and is only used to label and route, never to authorise.
 */
export function readCodexIdentity(token: string | undefined): CodexTokenIdentity {
  if (!token) return {};
  const claims = decodeJwtClaims(token);
  if (!claims) return {};
  const auth = authClaimsSchema.safeParse(claims[AUTH_NAMESPACE] ?? {});
  const authClaims = auth.success ? auth.data : {};
  const profile = claims[PROFILE_NAMESPACE];
  const profileEmail =
    typeof profile === 'object' &&
    profile !== null &&
    typeof (profile as { email?: unknown }).email === 'string'
      ? (profile as { email: string }).email
      : undefined;
  const email = typeof claims.email === 'string' && claims.email ? claims.email : profileEmail;
  return {
    email: email?.trim() || undefined,
    chatgptAccountId: authClaims.chatgpt_account_id || undefined,
    plan: normalizeCodexPlan(authClaims.chatgpt_plan_type),
    userId: authClaims.chatgpt_user_id ?? authClaims.user_id,
    fedramp: authClaims.chatgpt_account_is_fedramp,
  };
}

/** Expiry of an access token from its `exp` claim; undefined for opaque tokens. */
export function accessTokenExpiry(accessToken: string): Date | undefined {
  return jwtExpiry(accessToken);
}
