import { randomBytes, randomUUID } from 'node:crypto';
import { JwtSigner } from './auth/jwt.js';
import { EmulatorCatalog } from './codex/emulator-catalog.js';
import { RequestRecorder } from './server/recorder.js';
import type {
  AddAccountOptions,
  AuthorizeBehavior,
  DeviceBehavior,
  EmulatorCounters,
  IssuedTokens,
  Plan,
  TurnScript,
  UsageSettings,
} from './types.js';

export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const DEFAULT_EMAIL = 'user@example.com';
export const AUTH_CLAIMS = 'https://api.openai.com/auth';
export const PROFILE_CLAIMS = 'https://api.openai.com/profile';

export interface Account {
  email: string;
  plan: Plan;
  chatgptAccountId: string;
  chatgptUserId: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number | undefined;
  deviceAuthEnabled: boolean;
  usage: UsageSettings;
}

export interface AccessTokenEntry {
  email: string;
  accountId: string;
  exp: number;
  forcedExpired: boolean;
  revoked: boolean;
}

export type RefreshStatus = 'active' | 'used' | 'revoked' | 'expired' | 'invalidated';
export interface RefreshTokenEntry {
  email: string;
  status: RefreshStatus;
  expiresAt: number | undefined;
}

export interface AuthCodeEntry {
  email: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}

export interface DeviceSession {
  deviceAuthId: string;
  userCode: string;
  polls: number;
  expiresAt: number;
  redeemed: boolean;
}

export interface EmulatorOptions {
  /** Seconds advertised as the device-code poll `interval` (sent as a string); default 5. */
  deviceIntervalSeconds?: number;
  /** Lifetime of authorization codes; default 600. */
  authCodeTtlSeconds?: number;
  /** Lifetime of device codes; default 900 (15 minutes, as the real prompt says). */
  deviceCodeTtlSeconds?: number;
}

const zeroCounters = (): EmulatorCounters => ({
  authorizes: 0,
  codeExchanges: 0,
  tokenRefreshes: 0,
  tokenRequests: 0,
  revocations: 0,
  deviceCodeRequests: 0,
  devicePolls: 0,
  responses: 0,
  modelsRequests: 0,
  usageRequests: 0,
});

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** All mutable emulator state. Route handlers and the control API share one instance. */
export class EmulatorState {
  readonly jwt = new JwtSigner(randomBytes(32));
  readonly recorder = new RequestRecorder();
  issuer = '';
  accounts = new Map<string, Account>();
  accessTokens = new Map<string, AccessTokenEntry>();
  refreshTokens = new Map<string, RefreshTokenEntry>();
  authCodes = new Map<string, AuthCodeEntry>();
  /** Device-flow codes carry a server-made PKCE pair; the verifier is kept for the exchange check. */
  deviceSessions = new Map<string, DeviceSession>();
  /** `encrypted_content` blobs the emulator handed out; anything else sent back is "tampered". */
  issuedReasoning = new Set<string>();
  authorizeBehavior: AuthorizeBehavior | undefined;
  deviceBehavior: DeviceBehavior | undefined;
  turns: TurnScript[] = [];
  counters = zeroCounters();
  /** The live model list (today's backend by default). */
  readonly catalog = new EmulatorCatalog();

  constructor(readonly options: Required<EmulatorOptions>) {}

  reset(): void {
    this.recorder.clear();
    this.accounts.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.authCodes.clear();
    this.deviceSessions.clear();
    this.issuedReasoning.clear();
    this.authorizeBehavior = undefined;
    this.deviceBehavior = undefined;
    this.turns = [];
    this.counters = zeroCounters();
    this.catalog.reset();
  }

  addAccount(opts: AddAccountOptions): Account {
    if (!opts.email || !opts.plan) throw new Error('addAccount needs an email and a plan');
    // Re-adding an email updates it in place: ids (and so its issued tokens) survive unless given anew.
    const previous = this.accounts.get(opts.email);
    const account: Account = {
      email: opts.email,
      plan: opts.plan,
      chatgptAccountId: opts.chatgptAccountId ?? previous?.chatgptAccountId ?? randomUUID(),
      chatgptUserId: opts.chatgptUserId ?? previous?.chatgptUserId ?? `user-${randomToken(18)}`,
      accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 3600,
      refreshTokenTtlSeconds: opts.refreshTokenTtlSeconds,
      deviceAuthEnabled: opts.deviceAuthEnabled ?? true,
      usage: previous?.usage ?? {},
    };
    this.accounts.set(account.email, account);
    return account;
  }

  account(email: string): Account {
    const a = this.accounts.get(email);
    if (!a) throw new Error(`emulator has no account ${email}; call control.addAccount first`);
    return a;
  }

  /** The account a sign-in uses when the test did not pick one: the first added, else a default Plus user. */
  defaultAccount(): Account {
    const first = this.accounts.values().next();
    if (!first.done) return first.value;
    return this.addAccount({ email: DEFAULT_EMAIL, plan: 'plus' });
  }

  issueTokens(email: string): IssuedTokens {
    const a = this.account(email);
    const iat = nowSeconds();
    const exp = iat + a.accessTokenTtlSeconds;
    const authClaims = {
      chatgpt_plan_type: a.plan,
      chatgpt_account_id: a.chatgptAccountId,
      chatgpt_user_id: a.chatgptUserId,
      user_id: a.chatgptUserId,
    };
    const idToken = this.jwt.sign({
      iss: this.issuer,
      aud: [CODEX_CLIENT_ID],
      sub: `auth0|${a.chatgptUserId}`,
      email: a.email,
      email_verified: true,
      iat,
      exp: iat + 3600,
      auth_time: iat,
      [AUTH_CLAIMS]: { ...authClaims, organizations: [] },
      [PROFILE_CLAIMS]: { email: a.email, email_verified: true },
    });
    const jti = randomUUID();
    const accessToken = this.jwt.sign({
      iss: this.issuer,
      aud: ['https://api.openai.com/v1'],
      client_id: CODEX_CLIENT_ID,
      sub: `auth0|${a.chatgptUserId}`,
      iat,
      nbf: iat,
      exp,
      jti,
      scp: ['openid', 'profile', 'email', 'offline_access'],
      [AUTH_CLAIMS]: authClaims,
      [PROFILE_CLAIMS]: { email: a.email, email_verified: true },
    });
    this.accessTokens.set(jti, {
      email,
      accountId: a.chatgptAccountId,
      exp,
      forcedExpired: false,
      revoked: false,
    });
    const refreshToken = `rt_${randomToken(40)}`;
    this.refreshTokens.set(refreshToken, {
      email,
      status: 'active',
      expiresAt: a.refreshTokenTtlSeconds === undefined ? undefined : iat + a.refreshTokenTtlSeconds,
    });
    return {
      idToken,
      accessToken,
      refreshToken,
      expiresIn: a.accessTokenTtlSeconds,
      accountId: a.chatgptAccountId,
    };
  }

  /** Takes the first queued turn this account may consume. */
  takeTurn(email: string): TurnScript | undefined {
    const i = this.turns.findIndex((t) => t.forEmail === undefined || t.forEmail === email);
    if (i < 0) return undefined;
    return this.turns.splice(i, 1)[0];
  }
}
