import Anthropic from '@anthropic-ai/sdk';
import { type RunningProxy, startProxy } from '@ccs/proxy';
import { EMULATOR_MODELS, type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { emulatorCodexProvider } from './proxy-codex-stack.js';

// The real Codex provider against the emulator: what Claude Code asks for that the backend refuses is left
// out of the Responses body and named in the --verbose trace, never dropped unsaid.
const KEY = 'ccs-test-key-abcdefghijklmnop';
const MODEL = [...EMULATOR_MODELS]
  .filter((m) => m.visibility === 'list' && !m.upgrade)
  .sort((a, b) => a.priority - b.priority)[0]!.slug;

let emu: Emulator;
let proxy: RunningProxy | undefined;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  emu.control.addAccount({ email: 'john@example.com', plan: 'pro' });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

it('max_tokens and temperature are not sent to Codex, and the trace names both on one line', async () => {
  const traces: string[] = [];
  const provider = emulatorCodexProvider(emu, [{ nickname: 'john', email: 'john@example.com', plan: 'pro' }]);
  proxy = await startProxy({
    providers: new Map([['codex', provider]]),
    apiKey: KEY,
    models: { default: MODEL, opus: MODEL, sonnet: MODEL, haiku: MODEL },
    trace: (line) => traces.push(line),
  });
  const client = new Anthropic({ apiKey: KEY, baseURL: proxy.url, maxRetries: 0 });
  // This SDK version no longer types `temperature`; Claude Code and older clients still send it.
  const message = await client.messages.create({
    model: 'claude-sonnet-4-8',
    max_tokens: 4096,
    temperature: 0.2,
    messages: [{ role: 'user', content: 'hi' }],
  } as Anthropic.MessageCreateParamsNonStreaming);
  expect(message.content.length).toBeGreaterThan(0);
  const [sent] = emu.control.requests({ path: '/backend-api/codex/responses' });
  expect(sent!.status).toBe(200);
  const body = sent!.body as Record<string, unknown>;
  for (const field of ['max_output_tokens', 'max_tokens', 'temperature'])
    expect(body).not.toHaveProperty(field);
  expect(traces.filter((line) => line.includes('not sent'))).toEqual([
    '[ccs]   not sent: temperature, max_tokens (the Codex backend sets its own output limit)',
  ]);
});
