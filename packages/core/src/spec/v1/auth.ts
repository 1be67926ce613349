/** Credentials are opaque to the host: only the provider that made them interprets them. */
export type Credentials = Record<string, unknown>;

export interface LoginProgress {
  /** Show a line to the user (never a secret). */
  info(message: string): void;
  warn(message: string): void;
}

export interface LoginContext {
  signal?: AbortSignal;
  /** true: do not open a browser; print the URL and accept a pasted redirect URL on stdin. */
  headless: boolean;
  /** Where to read a pasted redirect URL from in headless mode (defaults to process.stdin). */
  input?: NodeJS.ReadableStream;
  progress: LoginProgress;
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /**
   * How the person cancels the wait, in the caller's words (a CLI: `press Ctrl-C to cancel`; a page:
   * its own button), added to the line that says the sign-in is waiting. Absent: that line names no way
   * to cancel — a provider must not assume a terminal.
   */
  cancelHint?: string;
  /**
   * What to do when the browser cannot be opened or reach this machine, in the caller's words (a CLI
   * names its flags), shown after a browser sign-in's URL. Absent: nothing is said.
   */
  noBrowserHint?: string;
  /**
   * Asks the user for a secret (an API key): a hidden prompt on a terminal, or the first line of
   * stdin when the CLI was given `--with-api-key`. Absent when no one can be asked (then an
   * `api-key` strategy must fail with a usage error saying how to pass the key).
   */
  readSecret?(prompt: string): Promise<string>;
}

export type AuthStrategyKind = 'oauth-browser' | 'oauth-device' | 'api-key' | 'import';

/** One way to obtain and maintain credentials. */
export interface AuthStrategy<C extends Credentials = Credentials> {
  readonly id: string;
  readonly kind: AuthStrategyKind;
  /** Interactive login; CLI only. */
  login(context: LoginContext): Promise<C>;
  /** Whether credentials should be refreshed before use at `now`. */
  needsRefresh(credentials: C, now: Date): boolean;
  refresh?(credentials: C, options?: { signal?: AbortSignal }): Promise<C>;
  /** Headers to attach to an upstream request, evaluated per request. */
  authorize(credentials: C): Record<string, string>;
  /** Best-effort upstream revocation. */
  revoke?(credentials: C): Promise<void>;
}
