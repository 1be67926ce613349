import { arch, release, type } from 'node:os';
import type { CodexOptions } from './codex-options.js';

/** The Codex CLI release whose request shape we follow (research: openai-codex.md §3.3). */
export const CODEX_CLIENT_VERSION = '0.169.0';
export const CODEX_ORIGINATOR = 'codex_cli_rs';

export interface CodexIdentity {
  accessToken: string;
  chatgptAccountId: string;
  fedramp?: boolean;
}

// os.type()/release() are system calls: computed once per process, not on every request.
let platformToken: string | undefined;

function defaultUserAgent(ccsVersion: string): string {
  platformToken ??= `${type()} ${release()}; ${arch()}`;
  return `${CODEX_ORIGINATOR}/${CODEX_CLIENT_VERSION} (${platformToken}) ccs/${ccsVersion}`;
}

/**
 * Headers for every request to the ChatGPT backend (responses, models, usage), computed per call
 * so a refreshed token is always used. `options.headers` from config.yaml override the defaults.
 */
export function codexRequestHeaders(
  identity: CodexIdentity,
  options: Pick<CodexOptions, 'headers'>,
  extra: Record<string, string> = {},
  ccsVersion = '0.1.0',
): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${identity.accessToken}`,
    'chatgpt-account-id': identity.chatgptAccountId,
    originator: CODEX_ORIGINATOR,
    'user-agent': defaultUserAgent(ccsVersion),
    version: CODEX_CLIENT_VERSION,
    ...extra,
  };
  if (identity.fedramp) headers['x-openai-fedramp'] = 'true';
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const key = name.toLowerCase();
    // Credentials are never overridable from config: they would leak into a file.
    if (key === 'authorization' || key === 'chatgpt-account-id') continue;
    headers[key] = value;
  }
  return headers;
}
