/** Public types (and the fault list) of the emulator's control API. */

/** ChatGPT plan id as it appears in `chatgpt_plan_type` (free, go, plus, pro, prolite, team, business, enterprise, edu, …). */
export type Plan = string;

export interface AddAccountOptions {
  email: string;
  plan: Plan;
  /** Workspace/account id; default a random UUID. */
  chatgptAccountId?: string;
  /** Default `user-<random>`. */
  chatgptUserId?: string;
  /** Lifetime of access tokens issued from now on; default 3600. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of refresh tokens; default: they do not expire on their own. */
  refreshTokenTtlSeconds?: number;
  /** Whether device-code login works for this account; default true. */
  deviceAuthEnabled?: boolean;
}

export interface AccountSummary {
  email: string;
  plan: Plan;
  chatgptAccountId: string;
  chatgptUserId: string;
}

export type AuthorizeBehavior = { email: string } | { error: 'access_denied'; description?: string };

export type DeviceBehavior =
  | { email: string; approveAfterPolls?: number }
  | { disabled: true }
  | { never: true };

export const TURN_FAULTS = [
  'expired-token-401',
  'usage-limit-429',
  'server-500',
  'overloaded-503',
  'response-failed',
  'error-event',
  'cut-stream',
  'incomplete',
] as const;
export type TurnFault = (typeof TURN_FAULTS)[number];

export interface TurnToolCall {
  name: string;
  /** An object is JSON-encoded; a string is sent as is. */
  arguments: object | string;
  /** Default `call_<random>`. */
  callId?: string;
  /**
   * Send `name: ""` in `response.output_item.added`; the name only arrives in `response.output_item.done`, as the
   * real backend does with gpt-5.5 at high effort (research codex-models-today.md, "Streaming quirk").
   */
  lateName?: boolean;
}

/** A hosted `web_search` run before the answer (only when the request offers the `web_search` tool). */
export interface TurnWebSearch {
  query: string;
  /**
   * The pages found. `action.sources` lists them when the request includes `web_search_call.action.sources`; each
   * `cites` (a substring of the turn's text) becomes a `url_citation` annotation on the answer.
   */
  sources: Array<{ url: string; title: string; cites?: string }>;
  /** The search itself failed (`status: "failed"`, no sources). */
  failed?: boolean;
}

export interface TurnUsage {
  inputTokens?: number;
  cachedTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
}

export interface TurnScript {
  /** Assistant text; a string is split into `deltaCount` (default 3) deltas, an array gives the deltas exactly. */
  text?: string | string[];
  /**
   * A reasoning item. Summary parts are streamed only when the request asks for them (`reasoning.summary`), and
   * `encrypted_content` only when it includes `reasoning.encrypted_content`, as the real backend does.
   */
  reasoning?: { summary: string[]; encryptedContent?: string };
  /** Function calls; more than one are streamed as parallel calls with interleaved argument deltas. */
  toolCalls?: TurnToolCall[];
  usage?: TurnUsage;
  deltaCount?: number;
  /** Pause before each SSE event (a slow stream). */
  delayMsPerEvent?: number;
  fault?: TurnFault;
  /** For `usage-limit-429`: seconds until the limit resets; default the primary window's reset. */
  resetsInSeconds?: number;
  /** For `response-failed` / `error-event`: error code (default `server_error` / `server_is_overloaded`). */
  errorCode?: string;
  /** For `response-failed` / `error-event`: error message. */
  errorMessage?: string;
  /** For `cut-stream`: how many SSE events are sent before the connection ends (default: half the turn). */
  cutAfterEvents?: number;
  /** For `cut-stream`: `end` closes the response cleanly (default), `destroy` resets the connection. */
  cutMode?: 'end' | 'destroy';
  /** For `incomplete`: `response.incomplete_details.reason` (default `max_output_tokens`). */
  incompleteReason?: string;
  /** Any other HTTP answer instead of a stream (e.g. a Cloudflare 403 HTML page, a 429 `usage_not_included`). */
  httpError?: { status: number; body: object | string; headers?: Record<string, string> };
  /**
   * Send `response.completed` with an empty `output` array, as the backend sometimes does; clients must rebuild
   * the output from the `response.output_item.done` events.
   */
  emptyCompletedOutput?: boolean;
  /** A web search item (and url_citation annotations on the text) before the answer. */
  webSearch?: TurnWebSearch;
  /** `response.output_item.done` events carry no `output_index`: clients must match them to their item by id. */
  omitDoneOutputIndex?: boolean;
  /** Only a request from this account consumes the turn. */
  forEmail?: string;
  /** Override the model reported in `openai-model` and the response object (safety routing). */
  servedModel?: string;
}

export interface UsageWindow {
  usedPercent: number;
  windowMinutes: number;
  resetAfterSeconds: number;
}

export interface AdditionalLimit {
  limitName: string;
  meteredFeature: string;
  primary?: UsageWindow;
  secondary?: UsageWindow;
}

export interface UsageSettings {
  primary?: UsageWindow | null;
  secondary?: UsageWindow | null;
  additional?: AdditionalLimit[];
  /** The exact `/wham/usage` body to serve, replacing the one built from the windows. */
  raw?: object;
}

export interface EmulatorCounters {
  authorizes: number;
  codeExchanges: number;
  tokenRefreshes: number;
  tokenRequests: number;
  revocations: number;
  deviceCodeRequests: number;
  devicePolls: number;
  responses: number;
  modelsRequests: number;
  usageRequests: number;
}

export interface IssuedTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  accountId: string;
}
