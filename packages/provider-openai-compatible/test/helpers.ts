import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountInfo,
  type ChatRequest,
  type ChatStreamPart,
  openAICompatibilityEntrySchema,
  type PluginContext,
  resolveCcsPaths,
  silentLogger,
} from '@ccs/core';
import { type ChatCompletionsUpstream, startChatCompletionsUpstream } from '@ccs/testkit';
import { createOpenAICompatibleProvider, type OpenAICompatibleProvider } from '../src/index.js';

export interface Fixture {
  up: ChatCompletionsUpstream;
  home: string;
  context: PluginContext;
  provider(entry?: Record<string, unknown>): OpenAICompatibleProvider;
  close(): Promise<void>;
}

/** A scripted upstream, a temp CCS_HOME and a PluginContext built by hand, as a plugin author would. */
export async function createFixture(): Promise<Fixture> {
  const up = await startChatCompletionsUpstream({
    apiKeys: ['sk-good'],
    models: ['vendor/large-model', 'small-model'],
  });
  const home = await mkdtemp(join(tmpdir(), 'ccs-compat-'));
  const context: PluginContext = {
    host: { name: 'ccs', version: 'test', apiVersion: 1 },
    logger: silentLogger,
    paths: resolveCcsPaths({ env: { CCS_HOME: home } }),
    env: {},
    openUrl: async () => false,
    now: () => new Date('2026-12-07T12:00:00Z'),
    providerId: 'acme',
  };
  return {
    up,
    home,
    context,
    provider: (entry = {}) =>
      createOpenAICompatibleProvider({
        id: 'acme',
        context,
        retryDelaysMs: [1, 1],
        entry: openAICompatibilityEntrySchema.parse({
          name: 'acme',
          'base-url': up.baseUrl,
          'api-key-entries': [{ 'api-key': 'sk-good' }],
          models: [
            { name: 'vendor/large-model', alias: 'large', thinking: { levels: ['low', 'medium', 'high'] } },
            { name: 'small-model' },
          ],
          ...entry,
        }),
      }),
    async close() {
      await up.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export function request(over: Partial<ChatRequest> = {}): ChatRequest & { modelId: string } {
  return {
    system: ['You are a test.'],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }],
    tools: [],
    metadata: { requestId: 'r1' },
    ...over,
    modelId: over.modelId ?? 'large',
  };
}

export async function collect(stream: AsyncIterable<ChatStreamPart>): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

export async function defaultAccount(provider: OpenAICompatibleProvider): Promise<AccountInfo> {
  return (await provider.accounts.getDefault())!;
}
