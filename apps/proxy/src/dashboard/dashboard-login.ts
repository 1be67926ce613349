import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { suggestionWithHint, toCcsError } from '@ccs/core/internal';
import { z } from 'zod';
import { SIGN_IN_METHODS } from './sign-in-methods.js';

/** The API key travels only in this body (never in a URL, the state, a line or a message). */
export const loginRequestSchema = z
  .strictObject({
    provider: z.string().max(100),
    method: z.enum(SIGN_IN_METHODS),
    nickname: z.string().max(100).optional(),
    apiKey: z.string().max(8192).optional(),
  })
  .refine((r) => (r.method === 'api-key') === (r.apiKey !== undefined), {
    message: 'apiKey goes with method "api-key" only',
  });
/** A sign-in the page asked for: the provider's way to sign in, an optional nickname, the API key. */
export interface DashboardLoginRequest {
  provider: string;
  method: 'browser' | 'device' | 'api-key';
  nickname?: string | undefined;
  /** Only with `api-key`: the key the person typed, to hand to the provider's API-key strategy. */
  apiKey?: string | undefined;
}

/** Where a sign-in started from the page reports: the URL to open and lines for the person (no secrets). */
export interface DashboardLoginSink {
  url(url: string): void;
  info(line: string): void;
}

/**
 * Signs in to a provider for the dashboard, with the CLI's own checks; resolves with the line to show.
 * Supplied by the CLI (the proxy never imports the CLI's sign-in code). `input` carries what the person
 * pastes on the page (a browser sign-in's final redirect address), one line each, as a headless sign-in
 * reads stdin.
 */
export type DashboardLogin = (
  request: DashboardLoginRequest,
  sink: DashboardLoginSink,
  signal: AbortSignal,
  input: NodeJS.ReadableStream,
) => Promise<string>;

export const pasteRequestSchema = z.strictObject({
  id: z.string().max(64),
  url: z.string().min(1).max(8192),
});

export interface LoginJobView {
  id: string;
  state: 'running' | 'done' | 'failed';
  url: string | null;
  lines: string[];
  message: string | null;
}

const FIRST_ANSWER_MS = 15_000;

/**
 * The one sign-in the page may have running: starting another cancels it (a browser sign-in abandoned
 * in a closed tab must not hold the callback port).
 */
export class DashboardLoginJobs {
  private current:
    | { view: LoginJobView; controller: AbortController; input: PassThrough; secrets: string[] }
    | undefined;

  constructor(private readonly login: DashboardLogin) {}

  view(): LoginJobView | null {
    return this.current ? { ...this.current.view, lines: [...this.current.view.lines] } : null;
  }

  cancel(): void {
    this.current?.controller.abort();
  }

  /**
   * Hands a pasted redirect address to the running sign-in (the person's browser could not reach the
   * callback server). False when that sign-in is no longer waiting. The address (it holds the
   * authorization code) is kept out of every line and message, like an API key.
   */
  paste(id: string, url: string): boolean {
    const job = this.current;
    if (!job || job.view.id !== id || job.view.state !== 'running' || job.input.writableEnded) return false;
    const line = url.replace(/[\r\n]+/g, ' ').trim();
    job.secrets.push(line);
    job.input.write(`${line}\n`);
    return true;
  }

  /** Starts a sign-in; resolves once its URL is known, it ended, or after 15 s. */
  async start(request: DashboardLoginRequest): Promise<LoginJobView> {
    this.cancel();
    const controller = new AbortController();
    const view: LoginJobView = {
      id: randomBytes(8).toString('hex'),
      state: 'running',
      url: null,
      lines: [],
      message: null,
    };
    const input = new PassThrough();
    const key = request.apiKey?.trim();
    const secrets = key && key.length >= 4 ? [key] : [];
    this.current = { view, controller, input, secrets };
    // Belt and braces: whatever a strategy or an error says, what the person typed or pasted is never echoed.
    const scrub = (text: string) =>
      secrets.reduce(
        (out, secret) => out.split(secret).join(secret === key ? '[API key]' : '[address]'),
        text,
      );
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const sink: DashboardLoginSink = {
      url: (url) => {
        view.url = url;
        answer();
      },
      info: (line) => {
        if (view.lines.length < 50) view.lines.push(scrub(line));
      },
    };
    Promise.resolve()
      .then(() => this.login(request, sink, controller.signal, input))
      .finally(() => input.end())
      .then(
        (message) => {
          view.state = 'done';
          view.message = scrub(message);
          answer();
        },
        (error: unknown) => {
          const e = toCcsError(error);
          // The library's advice plus the ccs command that helps (libraries name no commands).
          const advice = suggestionWithHint(e);
          view.state = 'failed';
          view.message = controller.signal.aborted
            ? 'Sign-in cancelled; nothing was changed.'
            : scrub(`${e.message}${advice ? ` ${advice}` : ''}`);
          answer();
        },
      );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      answered,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, FIRST_ANSWER_MS);
      }),
    ]);
    clearTimeout(timer);
    return this.view() as LoginJobView;
  }
}
