import { describe, expect, it } from 'vitest';
import { claudePathFromConfig, codexOptionsFromConfig, mergeConfigIntoEnv } from './env-overrides.js';
import { parseConfig } from './parse-config.js';

const { config } = parseConfig(
  'claude-path: /cfg/claude\ncodex:\n  issuer: http://127.0.0.1:1/i\n  base-url: http://127.0.0.1:1/b\n  callback-port: 2000\n  reasoning-summary: none\n  quota-cache-seconds: 30\n',
  '/c.yaml',
);

describe('config → Codex options', () => {
  it('maps the codex section to camelCase options', () => {
    expect(codexOptionsFromConfig(config, {})).toEqual({
      issuer: 'http://127.0.0.1:1/i',
      baseUrl: 'http://127.0.0.1:1/b',
      callbackPort: 2000,
      reasoningSummary: 'none',
      quotaCacheSeconds: 30,
    });
  });

  it('lets the environment win', () => {
    const env = {
      CCS_CODEX_BASE_URL: 'http://127.0.0.1:2/env',
      CCS_CODEX_CALLBACK_PORT: '3000',
      CCS_CLAUDE_PATH: '/env/claude',
    };
    expect(codexOptionsFromConfig(config, env)).toMatchObject({
      baseUrl: 'http://127.0.0.1:2/env',
      callbackPort: 3000,
    });
    expect(claudePathFromConfig(config, env)).toBe('/env/claude');
    expect(claudePathFromConfig(config, {})).toBe('/cfg/claude');
    expect(mergeConfigIntoEnv(config, env)).toMatchObject({
      CCS_CODEX_BASE_URL: 'http://127.0.0.1:2/env',
      CCS_CODEX_ISSUER: 'http://127.0.0.1:1/i',
      CCS_CLAUDE_PATH: '/env/claude',
    });
  });

  it('refuses a bad variable with a usage error naming it', () => {
    expect(() => codexOptionsFromConfig(config, { CCS_CODEX_CALLBACK_PORT: 'abc' })).toThrow(
      'CCS_CODEX_CALLBACK_PORT must be a port number between 1 and 65535, not "abc".',
    );
    expect(() => codexOptionsFromConfig(config, { CCS_CODEX_ISSUER: 'auth.openai.com' })).toThrow(
      /CCS_CODEX_ISSUER/,
    );
  });
});
