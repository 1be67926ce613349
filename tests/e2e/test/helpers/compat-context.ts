import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ChatCompletionsUpstream,
  type StartChatCompletionsUpstreamOptions,
  startChatCompletionsUpstream,
} from '@ccs/testkit';
import type { ProcessOptions, ProcessResult } from '../../../../scripts/lib/ccs-harness.mjs';
import { createE2eContext, type E2eContext } from './e2e-context.js';

export const COMPAT_KEY = 'sk-e2e-compat-0123456789abcdef';

export interface CompatContext extends E2eContext {
  up: ChatCompletionsUpstream;
  /** Runs ccs with `input` on its stdin (e.g. an API key for --with-api-key). */
  ccsWithInput(args: string[], input: string, options?: ProcessOptions): Promise<ProcessResult>;
  /** Every chat request that reached the upstream was accepted (and there was at least one). */
  upstreamProblems(): string | undefined;
}

/**
 * An E2eContext (no Codex account) plus the testkit's scripted Chat Completions upstream, declared in
 * config.yaml under openai-compatibility: with `configYaml(baseUrl)`.
 */
export async function createCompatContext(
  configYaml: (baseUrl: string) => string,
  upstream: Pick<StartChatCompletionsUpstreamOptions, 'requireReasoningReplay'> = {},
): Promise<CompatContext> {
  const up = await startChatCompletionsUpstream({
    apiKeys: [COMPAT_KEY],
    models: ['vendor/coder-large', 'vendor/coder-small'],
    ...upstream,
  });
  const ctx = await createE2eContext();
  const configDir = join(ctx.sandbox.ccsHome, 'cliproxy');
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(configDir, 'config.yaml'), configYaml(up.baseUrl), { mode: 0o600 });
  return {
    ...ctx,
    up,
    async ccsWithInput(args, input, options = {}) {
      const proc = ctx.startCcs(args, { ...options, stdin: 'pipe' });
      proc.write(input);
      proc.child.stdin?.end();
      const result = await proc.exited;
      return result;
    },
    upstreamProblems() {
      const chats = up.requests({ path: '/chat/completions' });
      if (chats.length === 0) return 'no POST /v1/chat/completions reached the upstream';
      const rejected = up.rejections();
      return rejected.length ? `the upstream rejected: ${rejected.join(' | ')}` : undefined;
    },
    async close() {
      await up.close();
      await ctx.close();
    },
  };
}

/** An openai-compatibility entry named `compat` with two aliased models, the first with effort levels. */
export const compatEntry = (baseUrl: string, name = 'compat') =>
  [
    'openai-compatibility:',
    `  - name: ${name}`,
    `    base-url: ${baseUrl}`,
    '    models:',
    '      - name: vendor/coder-large',
    '        alias: coder',
    '        max-context-length: 200000',
    '        thinking: { levels: [low, medium, high] }',
    '      - name: vendor/coder-small',
    '        alias: coder-small',
    '',
  ].join('\n');
