import { z } from 'zod';
import { openAICompatibilitySchema } from './openai-compatibility-schema.js';

export const DEFAULT_PROXY_HOST = '127.0.0.1';
export const DEFAULT_PROXY_PORT = 8317;

const portError = 'must be a number between 1 and 65535';
const port = z
  .number({ error: portError })
  .int({ error: portError })
  .min(1, { error: portError })
  .max(65535, { error: portError });

const url = z.url({ error: 'must be an http(s) URL', protocol: /^https?$/ });
const nonEmpty = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, { error: `must be ${what}` });

/** CLIProxyAPI's routing strategies (CCS writes `round-robin`); ccs always fails over between accounts. */
export const CLIPROXY_ROUTING_STRATEGIES = ['round-robin', 'weighted-round-robin', 'fill-first'] as const;

const routingSchema = z
  .object(
    {
      strategy: z
        .enum(['failover', 'default-only', ...CLIPROXY_ROUTING_STRATEGIES], {
          error: 'must be "failover" or "default-only"',
        })
        .default('failover')
        .transform((value): 'failover' | 'default-only' =>
          value === 'default-only' ? 'default-only' : 'failover',
        ),
    },
    { error: 'must be a mapping such as "strategy: failover"' },
  )
  .default({ strategy: 'failover' });

const codexSectionSchema = z
  .object(
    {
      issuer: url.optional(),
      'base-url': url.optional(),
      'callback-port': port.optional(),
      headers: z
        .record(z.string(), z.string({ error: 'must be a string' }), {
          error: 'must be a map of header names to strings',
        })
        .optional(),
      'reasoning-summary': z
        .enum(['auto', 'concise', 'detailed', 'none'], {
          error: 'must be one of auto, concise, detailed, none',
        })
        .optional(),
      /** The Codex CLI version ccs introduces itself as when it asks for the model list. */
      'client-version': z
        .string({ error: 'must be a version like 0.169.0' })
        .regex(/^\d+\.\d+\.\d+$/, { error: 'must be a version like 0.169.0' })
        .optional(),
      /** How long a /wham/usage answer is reused (0 = always ask). */
      'quota-cache-seconds': z
        .number({ error: 'must be a whole number of seconds (0 or more)' })
        .int({ error: 'must be a whole number of seconds (0 or more)' })
        .min(0, { error: 'must be a whole number of seconds (0 or more)' })
        .optional(),
    },
    { error: 'must be a mapping of Codex settings' },
  )
  .default({});

const pluginObjectSchema = z
  .object({
    path: nonEmpty('a path').optional(),
    package: nonEmpty('a package name').optional(),
    options: z.record(z.string(), z.unknown(), { error: 'must be a map of options' }).optional(),
  })
  .refine((entry) => (entry.path === undefined) !== (entry.package === undefined), {
    error: 'must name exactly one of "path" or "package"',
  });

export type PluginConfigObject = z.output<typeof pluginObjectSchema>;

// Not a z.union: a union reports one vague message, and users need the precise key that is wrong.
const pluginEntrySchema = z.unknown().transform((value, ctx): string | PluginConfigObject => {
  if (typeof value === 'string') {
    if (value.trim()) return value.trim();
    ctx.addIssue({ code: 'custom', message: 'must be a package name or a path' });
    return z.NEVER;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a package name, a path, or { path | package, options }',
    });
    return z.NEVER;
  }
  const parsed = pluginObjectSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }
  return z.NEVER;
});

/**
 * `$CCS_HOME/cliproxy/config.yaml`. Key names follow CLIProxyAPI where they overlap (host, port,
 * api-keys, auth-dir, debug, routing.strategy) so CCS users recognise the file.
 */
export const ccsConfigSchema = z.object({
  /** Bind address of the proxy. CLIProxyAPI's "" (all interfaces) is read as loopback: ccs never listens wider. */
  host: z
    .string({ error: 'must be a string such as 127.0.0.1' })
    .default(DEFAULT_PROXY_HOST)
    .transform((value) => value.trim() || DEFAULT_PROXY_HOST),
  port: port.default(DEFAULT_PROXY_PORT),
  /** The first entry is the local key clients must send; generated at random on first use. */
  'api-keys': z
    .array(nonEmpty('a non-empty string'), { error: 'must be a list of strings' })
    .nullish()
    .transform((value) => value ?? []),
  'auth-dir': nonEmpty('a folder path').optional(),
  debug: z.boolean({ error: 'must be true or false' }).default(false),
  'claude-path': nonEmpty('a path to the claude executable').optional(),
  routing: routingSchema,
  codex: codexSectionSchema,
  plugins: z
    .array(pluginEntrySchema, { error: 'must be a list' })
    .nullish()
    .transform((value) => value ?? []),
  /** OpenAI Chat Completions endpoints, one provider each (CLIProxyAPI's keys). */
  'openai-compatibility': openAICompatibilitySchema,
});

export type CcsConfig = z.output<typeof ccsConfigSchema>;
export type CcsConfigInput = z.input<typeof ccsConfigSchema>;
export type PluginConfigEntry = CcsConfig['plugins'][number];

/** Keys ccs reads, by section; anything else warns (and is kept in the file). */
export const KNOWN_CONFIG_KEYS: Record<string, readonly string[]> = {
  '': [
    'host',
    'port',
    'api-keys',
    'auth-dir',
    'debug',
    'claude-path',
    'routing',
    'codex',
    'plugins',
    'openai-compatibility',
  ],
  routing: ['strategy'],
  codex: [
    'issuer',
    'base-url',
    'callback-port',
    'headers',
    'reasoning-summary',
    'quota-cache-seconds',
    'client-version',
  ],
};

/**
 * CLIProxyAPI keys that CCS writes into this same file. ccs ignores them silently (no warning) so a
 * CCS user's file works as it is; they are kept when ccs edits the file.
 */
export const CLIPROXY_ONLY_KEYS: Record<string, readonly string[]> = {
  '': [
    'tls',
    'remote-management',
    'request-log',
    'logging-to-file',
    'logs-max-total-size-mb',
    'error-logs-max-files',
    'usage-statistics-enabled',
    'proxy-url',
    'request-retry',
    'max-retry-credentials',
    'max-retry-interval',
    'disable-cooling',
    'transient-error-cooldown-seconds',
    'save-cooldown-status',
    'quota-exceeded',
    'codex-header-defaults',
    'codex-api-key',
    'oauth-model-alias',
    'oauth-excluded-models',
    'oauth-request-scoped-errors',
    'disable-image-generation',
    'payload',
    'force-model-prefix',
    'passthrough-headers',
    'nonstream-keepalive-interval',
    'streaming',
    'ws-auth',
    'gemini-api-key',
    'claude-api-key',
    'session-affinity-ttl',
  ],
  routing: ['session-affinity', 'session-affinity-ttl'],
  codex: [
    'identity-confuse',
    'disable-codex-cloaking',
    'stream-bootstrap-buffering',
    'optimize-multi-agent-v2',
    'live-media-relay',
  ],
};
