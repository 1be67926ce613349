import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  COMPAT_KEY,
  type CompatContext,
  compatEntry,
  createCompatContext,
} from './helpers/compat-context.js';
import { describe as dump } from './helpers/e2e-context.js';

// Real Claude Code on an OpenAI-compatible endpoint (the testkit's scripted Chat Completions upstream),
// through `ccs compat`: the same set as for Codex — text, a tool round trip that writes a file,
// thinking, and errors. No Codex account exists in these sandboxes.
let ctx: CompatContext;
beforeEach(async () => {
  ctx = await createCompatContext((baseUrl) => compatEntry(baseUrl));
});
afterEach(async () => {
  await ctx?.close();
});

async function signIn(key = COMPAT_KEY) {
  const result = await ctx.ccsWithInput(['compat', '--auth', '--with-api-key'], `${key}\n`);
  expect(result.code, dump(result)).toBe(0);
  expect(`${result.stdout}${result.stderr}`).not.toContain(key);
  return result;
}

interface StreamJsonLine {
  message?: { content?: Array<{ type?: string; thinking?: string; text?: string }> };
}

test("ccs compat --auth --with-api-key stores the key 0600, then Claude Code answers with the endpoint's text", async () => {
  await signIn();
  const authDir = join(ctx.sandbox.ccsHome, 'cliproxy', 'auth');
  const [file] = readdirSync(authDir).filter((f) => f.startsWith('compat-') && f.endsWith('.json'));
  expect(file).toBeDefined();
  expect(statSync(join(authDir, file!)).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(join(authDir, file!), 'utf8')).api_key).toBe(COMPAT_KEY);

  ctx.up.enqueue({ text: 'Hello from the compatible endpoint.' });
  const result = await ctx.ccs(['compat', '-p', 'Say hello']);
  expect(result.code, dump(result)).toBe(0);
  expect(result.stdout).toContain('Hello from the compatible endpoint.');
  expect(ctx.upstreamProblems()).toBeUndefined();
  const [body] = ctx.up.chatBodies();
  // The alias was sent as the model the endpoint knows, with the key stored by --auth.
  expect(body!.model).toMatch(/^vendor\/coder-(large|small)$/);
  expect(JSON.stringify(body!.messages)).toContain('Say hello');
  expect(`${result.stdout}${result.stderr}`).not.toContain(COMPAT_KEY);
});

test('Claude Code really writes a file because the model called its Write tool (parallel with a Read)', async () => {
  await signIn();
  const target = join(ctx.sandbox.projectDir, 'hello.txt');
  ctx.up.enqueue({
    text: 'I will create the file.',
    toolCalls: [
      {
        name: 'Write',
        arguments: { file_path: target, content: 'written through compat\n' },
        id: 'call_write',
      },
      { name: 'Glob', arguments: { pattern: '*.txt' }, id: 'call_glob' },
    ],
  });
  ctx.up.enqueue({ text: 'Created hello.txt for you.' });

  const result = await ctx.ccs(['compat', '-p', 'Create hello.txt', '--dangerously-skip-permissions']);

  expect(result.code, dump(result)).toBe(0);
  expect(readFileSync(target, 'utf8')).toBe('written through compat\n');
  expect(result.stdout).toContain('Created hello.txt for you.');
  expect(ctx.upstreamProblems()).toBeUndefined();
  const bodies = ctx.up.chatBodies();
  expect(bodies).toHaveLength(2);
  const tools = (bodies[0]!.tools ?? []) as Array<{ function?: { name?: string } }>;
  expect(tools.map((t) => t.function?.name)).toContain('Write');
  // Turn 2 carried both calls and Claude Code's results back, paired by call id.
  const messages = bodies[1]!.messages as Array<Record<string, unknown>>;
  const assistant = messages.find((m) => m.role === 'assistant' && Array.isArray(m.tool_calls));
  expect(((assistant?.tool_calls ?? []) as Array<{ id: string }>).map((c) => c.id)).toEqual([
    'call_write',
    'call_glob',
  ]);
  const results = messages.filter((m) => m.role === 'tool');
  expect(results.map((m) => m.tool_call_id).sort()).toEqual(['call_glob', 'call_write']);
  expect(String(results.find((m) => m.tool_call_id === 'call_write')?.content)).toMatch(/hello\.txt/);
});

test('reasoning_content reaches Claude Code as thinking and goes back with the tool call; effort goes out as reasoning_effort', async () => {
  // This endpoint behaves like DeepSeek's thinking mode: a tool-call turn must come back with its reasoning.
  await ctx.close();
  ctx = await createCompatContext((baseUrl) => compatEntry(baseUrl), { requireReasoningReplay: true });
  await signIn();
  const target = join(ctx.sandbox.projectDir, 'notes.md');
  ctx.up.enqueue({
    reasoning: 'Planning: the user wants notes, so I will write notes.md.',
    toolCalls: [{ name: 'Write', arguments: { file_path: target, content: '# Notes\n' }, id: 'call_notes' }],
  });
  ctx.up.enqueue({ reasoning: 'The file exists now.', text: 'Notes written.' });
  const result = await ctx.ccs([
    'compat',
    '--effort',
    'high',
    '-p',
    'Write notes.md',
    '--dangerously-skip-permissions',
    '--output-format',
    'stream-json',
    '--',
    '--verbose',
  ]);
  expect(result.code, dump(result)).toBe(0);
  expect(ctx.upstreamProblems()).toBeUndefined();
  const lines = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as StreamJsonLine);
  const thinking = lines.flatMap((l) => l.message?.content ?? []).filter((b) => b.type === 'thinking');
  expect(thinking.map((b) => b.thinking).join('\n')).toContain('Planning: the user wants notes');
  expect(result.stdout).toContain('Notes written.');
  expect(readFileSync(target, 'utf8')).toBe('# Notes\n');
  const bodies = ctx.up.chatBodies();
  expect(bodies).toHaveLength(2);
  expect(bodies[0]!.reasoning_effort).toBe('high');
  const assistant = (bodies[1]!.messages as Array<Record<string, unknown>>).find(
    (m) => m.role === 'assistant',
  );
  expect(assistant?.reasoning_content).toBe('Planning: the user wants notes, so I will write notes.md.');
});

test('errors: a refused key is not stored; a refused config key names ccs compat --auth at once; a 5xx before output is retried', async () => {
  // A key the endpoint refuses at sign-in is not stored.
  const refused = await ctx.ccsWithInput(['compat', '--auth', '--with-api-key'], 'sk-not-accepted\n');
  expect(refused.code, dump(refused)).not.toBe(0);
  expect(`${refused.stdout}${refused.stderr}`).toMatch(/refused this API key; nothing was stored/);

  // A key in config.yaml that the endpoint refuses: the run fails at once and says how to fix it
  // (a 403 to Claude Code; with a 401 it retried for minutes and showed nothing: ADR 0011).
  await ctx.close();
  ctx = await createCompatContext(
    (baseUrl) => `${compatEntry(baseUrl)}    api-key-entries: [{ api-key: sk-revoked-key-000000 }]\n`,
  );
  const startedAt = Date.now();
  const denied = await ctx.ccs(['compat', '-p', 'Say hello']);
  expect(denied.code, dump(denied)).not.toBe(0);
  expect(`${denied.stdout}\n${denied.stderr}`).toMatch(/refused the API key/);
  expect(`${denied.stdout}\n${denied.stderr}`).toMatch(/ccs compat --auth|config\.yaml/);
  expect(Date.now() - startedAt).toBeLessThan(30_000);

  await ctx.close();
  ctx = await createCompatContext((baseUrl) => compatEntry(baseUrl));

  await signIn();
  ctx.up.reset();
  ctx.up.enqueue({ httpError: { status: 502 } }, { text: 'Recovered after a 502.' });
  const retried = await ctx.ccs(['compat', '-p', 'Say hello']);
  expect(retried.code, dump(retried)).toBe(0);
  expect(retried.stdout).toContain('Recovered after a 502.');
  expect(ctx.up.requests({ path: '/chat/completions' }).length).toBeGreaterThanOrEqual(2);
});
