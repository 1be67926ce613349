import type { ModelSlot } from '@ccs/core';
import { SLOT_ENV_KEYS } from '../settings/provider-settings-schema.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Inherited variables that would take Claude Code away from the proxy or make it send a different
 * credential: an Anthropic API key wins over ANTHROPIC_AUTH_TOKEN (and interactive Claude Code asks
 * whether to use it), and the cloud switches send requests to Bedrock/Vertex/Foundry instead.
 */
export const OVERRIDING_ENV_KEYS: readonly string[] = [
  'ANTHROPIC_API_KEY',
  'CLAUDE_CODE_USE_BEDROCK',
  'CLAUDE_CODE_USE_VERTEX',
  'CLAUDE_CODE_USE_FOUNDRY',
  'CLAUDE_CODE_OAUTH_TOKEN',
];

export interface BuildClaudeEnvArgs {
  /** The user's environment (passed through: Claude Code reads IS_SANDBOX, HOME, PATH, proxies, …). */
  baseEnv: Env;
  /** `env` of `<provider>.settings.json` other than the model and ccs keys. */
  settingsEnv: Readonly<Record<string, string>>;
  /** The in-process proxy, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** This session's random local API key. */
  apiKey: string;
  /** The name Claude Code gets per slot. */
  models: Readonly<Record<ModelSlot, string>>;
  /**
   * The context window the backend enforces for the main model. Claude Code does not know Codex
   * models and would assume 1M tokens (warning on every run and compacting far too late).
   */
  contextWindow?: number | undefined;
}

/**
 * The environment Claude Code runs with: the user's, then the settings file's own variables, then ours
 * (ours always win, so a CCS-written ANTHROPIC_BASE_URL/AUTH_TOKEN in the file cannot point it elsewhere).
 */
export function buildClaudeEnv(args: BuildClaudeEnvArgs): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(args.baseEnv)) if (value !== undefined) env[key] = value;
  Object.assign(env, args.settingsEnv);
  for (const key of OVERRIDING_ENV_KEYS) delete env[key];
  env.ANTHROPIC_BASE_URL = args.baseUrl;
  env.ANTHROPIC_AUTH_TOKEN = args.apiKey;
  for (const [slot, key] of Object.entries(SLOT_ENV_KEYS) as Array<[ModelSlot, string]>)
    env[key] = args.models[slot];
  if (args.contextWindow && env.CLAUDE_CODE_MAX_CONTEXT_TOKENS === undefined) {
    env.CLAUDE_CODE_MAX_CONTEXT_TOKENS = String(args.contextWindow);
  }
  env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC = '1';
  env.DISABLE_TELEMETRY = '1';
  return env;
}

/** Which of the user's variables were dropped (for --verbose; names only, never values). */
export function droppedEnvKeys(baseEnv: Env, settingsEnv: Readonly<Record<string, string>>): string[] {
  return OVERRIDING_ENV_KEYS.filter((key) => baseEnv[key] !== undefined || settingsEnv[key] !== undefined);
}
