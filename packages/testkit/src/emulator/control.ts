import { type BrowserVisit, visitAuthorizeUrl, waitForRecorded } from './browser.js';
import type { ModelScenario } from './codex/emulator-catalog.js';
import type { RecordedRequest } from './server/recorder.js';
import { type EmulatorState, nowSeconds } from './state.js';
import type {
  AccountSummary,
  AddAccountOptions,
  AuthorizeBehavior,
  DeviceBehavior,
  EmulatorCounters,
  IssuedTokens,
  Plan,
  TurnScript,
  UsageSettings,
} from './types.js';

/** The typed control API tests use to script the emulator (mirrored by the `/__emulator/*` admin routes). */
export class EmulatorControl {
  constructor(private readonly state: EmulatorState) {}

  /** Adds (or replaces) a user who can sign in. */
  addAccount(opts: AddAccountOptions): AccountSummary {
    const a = this.state.addAccount(opts);
    return {
      email: a.email,
      plan: a.plan,
      chatgptAccountId: a.chatgptAccountId,
      chatgptUserId: a.chatgptUserId,
    };
  }

  accounts(): AccountSummary[] {
    return [...this.state.accounts.values()].map((a) => ({
      email: a.email,
      plan: a.plan,
      chatgptAccountId: a.chatgptAccountId,
      chatgptUserId: a.chatgptUserId,
    }));
  }

  /** Later tokens, the model gate, `/codex/models` and `/wham/usage` use the new plan. */
  setPlan(email: string, plan: Plan): void {
    this.state.account(email).plan = plan;
  }

  setAuthorizeBehavior(behavior: AuthorizeBehavior | undefined): void {
    if (behavior && 'email' in behavior) this.state.account(behavior.email);
    this.state.authorizeBehavior = behavior;
  }

  /** The first `approveAfterPolls` (default 1) polls answer pending; the next one succeeds. */
  setDeviceBehavior(behavior: DeviceBehavior | undefined): void {
    if (behavior && 'email' in behavior) this.state.account(behavior.email);
    this.state.deviceBehavior = behavior;
  }

  /** Signs the account in without the browser: tokens as `/oauth/token` would return them. */
  issueTokens(email: string): IssuedTokens {
    return this.state.issueTokens(email);
  }

  /** Every access token issued so far (for that account, or all) now gets 401 `token_expired`. */
  expireAccessTokens(email?: string): void {
    for (const t of this.state.accessTokens.values())
      if (email === undefined || t.email === email) t.forcedExpired = true;
  }

  /** Every unused refresh token of the account now fails with `refresh_token_expired|refresh_token_invalidated`. */
  invalidateRefreshTokens(email: string, reason: 'expired' | 'invalidated' = 'invalidated'): void {
    this.state.account(email);
    for (const t of this.state.refreshTokens.values()) {
      if (t.email === email && t.status === 'active') t.status = reason;
    }
  }

  /** `today` (default): the backend as it is now; `page-era`: the provider page's catalog, nothing retired. */
  useModelScenario(scenario: ModelScenario): void {
    this.state.catalog.use(scenario);
  }

  /** The model goes away now: gone from `/codex/models`, and `/codex/responses` answers the retirement 400. */
  retireModel(slug: string): void {
    this.state.catalog.retire(slug);
  }

  /** The current list's ETag (also sent as `X-Models-Etag` on every Responses stream). */
  modelsEtag(): string {
    return this.state.catalog.etag;
  }

  enqueueTurn(turn: TurnScript): void {
    if (turn.forEmail !== undefined) this.state.account(turn.forEmail);
    if (turn.reasoning?.encryptedContent) this.state.issuedReasoning.add(turn.reasoning.encryptedContent);
    this.state.turns.push(structuredClone(turn));
  }

  /** Turns still queued. */
  pendingTurns(): number {
    return this.state.turns.length;
  }

  /** Lets a hand-made `encrypted_content` blob pass the "could not be verified" check. */
  acceptEncryptedContent(blob: string): void {
    this.state.issuedReasoning.add(blob);
  }

  /** Rate-limit windows for the `x-codex-*` headers and `/wham/usage`. `null` removes a window. */
  setUsage(email: string, usage: UsageSettings): void {
    const a = this.state.account(email);
    a.usage = { ...a.usage, ...structuredClone(usage) };
  }

  requests(filter?: { path?: string; method?: string }): RecordedRequest[] {
    return this.state.recorder.list(filter);
  }

  /** Resolves once `count` (default 1) requests matching the filter were received; rejects after `timeoutMs` (5 s). */
  waitForRequests(
    filter: { path?: string; method?: string; count?: number; timeoutMs?: number } = {},
  ): Promise<RecordedRequest[]> {
    const { count = 1, timeoutMs = 5000, ...match } = filter;
    return waitForRecorded(() => this.requests(match), count, timeoutMs);
  }

  /**
   * Plays the user's browser for a client that printed its authorization URL (e.g. `ccs codex --auth --headless`):
   * opens it here and delivers the redirect to the client's callback server.
   */
  visitAuthorizeUrl(url: string, options?: { timeoutMs?: number }): Promise<BrowserVisit> {
    return visitAuthorizeUrl(url, options);
  }

  counters(): EmulatorCounters {
    return { ...this.state.counters };
  }

  /** Seconds since the epoch as the emulator sees it (for `resets_at` arithmetic in tests). */
  now(): number {
    return nowSeconds();
  }

  /** Forgets everything: accounts, tokens, codes, behaviors, queued turns, records and counters. */
  reset(): void {
    this.state.reset();
  }
}
