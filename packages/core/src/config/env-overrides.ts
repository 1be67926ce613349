import { usageError } from '../errors/ccs-error.js';
import type { CcsConfig } from './config-schema.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What the Codex provider's options schema accepts (camelCase), before defaults are applied. */
export interface CodexOptionsFromConfig {
  issuer?: string;
  baseUrl?: string;
  callbackPort?: number;
  headers?: Record<string, string>;
  reasoningSummary?: 'auto' | 'concise' | 'detailed' | 'none';
  quotaCacheSeconds?: number;
  clientVersion?: string;
}

const nonEmpty = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function envUrl(env: Env, name: string): string | undefined {
  const value = nonEmpty(env[name]);
  if (value === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {}
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw usageError(`${name} must be an http(s) URL, not "${value}".`, `Fix or unset ${name}.`);
  }
  return value;
}

function envPort(env: Env, name: string): number | undefined {
  const value = nonEmpty(env[name]);
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw usageError(
      `${name} must be a port number between 1 and 65535, not "${value}".`,
      `Fix or unset ${name}.`,
    );
  }
  return port;
}

/**
 * Maps the `codex:` section of config.yaml to the Codex provider's options; the CCS_CODEX_*
 * environment variables win over the file (INTERFACE.md). Throws a USAGE error for a bad variable.
 */
export function codexOptionsFromConfig(config: CcsConfig, env: Env = process.env): CodexOptionsFromConfig {
  const section = config.codex;
  const out: CodexOptionsFromConfig = {};
  const issuer = envUrl(env, 'CCS_CODEX_ISSUER') ?? section.issuer;
  const baseUrl = envUrl(env, 'CCS_CODEX_BASE_URL') ?? section['base-url'];
  const callbackPort = envPort(env, 'CCS_CODEX_CALLBACK_PORT') ?? section['callback-port'];
  if (issuer !== undefined) out.issuer = issuer;
  if (baseUrl !== undefined) out.baseUrl = baseUrl;
  if (callbackPort !== undefined) out.callbackPort = callbackPort;
  if (section.headers !== undefined) out.headers = section.headers;
  if (section['reasoning-summary'] !== undefined) out.reasoningSummary = section['reasoning-summary'];
  if (section['quota-cache-seconds'] !== undefined) out.quotaCacheSeconds = section['quota-cache-seconds'];
  const clientVersion = nonEmpty(env.CCS_CODEX_CLIENT_VERSION) ?? section['client-version'];
  if (clientVersion !== undefined) {
    if (!/^\d+\.\d+\.\d+$/.test(clientVersion)) {
      throw usageError(
        `CCS_CODEX_CLIENT_VERSION must be a version like 0.169.0, not "${clientVersion}".`,
        'Fix or unset CCS_CODEX_CLIENT_VERSION.',
      );
    }
    out.clientVersion = clientVersion;
  }
  return out;
}

/** The Claude Code executable: CCS_CLAUDE_PATH, then `claude-path` from config; undefined = `claude` on PATH. */
export function claudePathFromConfig(config: CcsConfig, env: Env = process.env): string | undefined {
  return nonEmpty(env.CCS_CLAUDE_PATH) ?? config['claude-path'];
}

/**
 * The environment as the host sees it: config.yaml values filled in under the real environment,
 * so plugins reading `context.env` see one merged view (the environment wins).
 */
export function mergeConfigIntoEnv(
  config: CcsConfig,
  env: Env = process.env,
): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...env };
  const fill = (name: string, value: string | number | undefined) => {
    if (nonEmpty(merged[name]) === undefined && value !== undefined) merged[name] = String(value);
  };
  fill('CCS_CODEX_ISSUER', config.codex.issuer);
  fill('CCS_CODEX_BASE_URL', config.codex['base-url']);
  fill('CCS_CODEX_CALLBACK_PORT', config.codex['callback-port']);
  fill('CCS_CLAUDE_PATH', config['claude-path']);
  return merged;
}
