import { z } from 'zod';

export const CODEX_PROVIDER_ID = 'codex';
export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const DEFAULT_CODEX_ISSUER = 'https://auth.openai.com';
export const DEFAULT_CODEX_BASE_URL = 'https://chatgpt.com/backend-api';
export const DEFAULT_CALLBACK_PORT = 1455;
export const FALLBACK_CALLBACK_PORT = 1457;

/**
 * Options of the Codex provider. The CLI fills them from config.yaml (`codex:` section) with the
 * CCS_CODEX_* environment variables winning; programmatic users pass them to createCodexProvider().
 */
export const codexOptionsSchema = z.object({
  /** OAuth issuer: /oauth/authorize, /oauth/token, /oauth/revoke, /api/accounts/deviceauth/* */
  issuer: z.string().url().default(DEFAULT_CODEX_ISSUER),
  /** ChatGPT backend: /codex/responses, /codex/models, /wham/usage */
  baseUrl: z.string().url().default(DEFAULT_CODEX_BASE_URL),
  /** Loopback OAuth callback port; the fallback is used when it is busy. */
  callbackPort: z.number().int().min(1).max(65535).default(DEFAULT_CALLBACK_PORT),
  /** Extra or overriding upstream request headers (e.g. originator, User-Agent). */
  headers: z.record(z.string(), z.string()).default({}),
  /** Ask for reasoning summaries so Claude Code can show thinking. */
  reasoningSummary: z.enum(['auto', 'concise', 'detailed', 'none']).default('auto'),
  /** The Codex CLI version sent as `client_version` when asking for the model list (config `client-version`). */
  clientVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .default('0.169.0'),
  /**
   * An upstream that sends nothing (no headers, or no SSE event past keep-alive comments) for this long
   * is given up with a TIMEOUT error; the Codex CLI's stream_idle_timeout_ms default.
   */
  streamIdleTimeoutMs: z.number().int().min(1).default(300_000),
  /** How long a quota snapshot is reused, in seconds. */
  quotaCacheSeconds: z.number().int().min(0).default(120),
});

export type CodexOptions = z.output<typeof codexOptionsSchema>;
export type CodexOptionsInput = z.input<typeof codexOptionsSchema>;
