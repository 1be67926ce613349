import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import { type CodexProvider, createCodexProvider, readCodexIdentity } from '@ccs/provider-codex/internal';
import { type RunningProxy, startProxy } from '@ccs/proxy';
import { EMULATOR_MODELS, type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuiltBin } from './built-bin.js';

// The real Codex provider behind the real proxy with its status file and usage ledger, against the
// emulator; then the built `ccs statusline` and `ccs usage` read what the proxy wrote.
const run = promisify(execFile);
const KEY = 'ccs-test-key-statusline-ledger-0';
const MODEL = EMULATOR_MODELS.filter((m) => m.visibility === 'list' && !m.upgrade).sort(
  (a, b) => a.priority - b.priority,
)[0]!.slug;
let bin: string;
let emu: Emulator;
let home: string;
let codex: CodexProvider;
let proxy: RunningProxy | undefined;

beforeAll(async () => {
  bin = ensureBuiltBin();
  emu = await startEmulator();
}, 240_000);
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  emu.control.reset();
  home = await mkdtemp(join(tmpdir(), 'ccs-statusline-'));
  codex = createCodexProvider({ home, issuer: emu.issuer, baseUrl: emu.baseUrl });
  for (const name of ['john', 'mary']) {
    const email = `${name}@example.com`;
    emu.control.addAccount({ email, plan: 'plus' });
    const t = emu.control.issueTokens(email);
    await codex.accounts.saveLogin(
      {
        accessToken: t.accessToken,
        refreshToken: t.refreshToken,
        idToken: t.idToken,
        expiresAt: new Date(Date.now() + t.expiresIn * 1000),
        identity: readCodexIdentity(t.idToken),
      },
      { nickname: name },
    );
  }
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await rm(home, { recursive: true, force: true, maxRetries: 5 });
});

/** The model and reasoning.effort the last upstream request really carried. */
function sent(): string {
  const body = emu.control.requests({ path: '/codex/responses' }).at(-1)?.body as {
    model: string;
    reasoning?: { effort?: string };
  };
  return `${body.model} ${body.reasoning?.effort}`;
}

const statusFile = () => join(home, 'run', 'status-test.json');

async function client() {
  proxy = await startProxy({
    providers: new Map([['codex', codex]]),
    apiKey: KEY,
    models: { default: MODEL, opus: MODEL, sonnet: `${MODEL}-high`, haiku: MODEL },
    statusFile: statusFile(),
    ledgerDir: join(home, 'usage'),
  });
  return new Anthropic({ apiKey: KEY, baseURL: proxy.url, maxRetries: 0 });
}

async function ask(sdk: Anthropic, model = 'claude-sonnet-4-8', session = 'session-one') {
  const stream = sdk.messages.stream(
    { model, max_tokens: 1024, messages: [{ role: 'user', content: 'prompt text zebra-42' }] },
    { headers: { 'x-claude-code-session-id': session } },
  );
  return stream.finalMessage();
}

/** The status file once it says `predicate` (it is written just after each response). */
async function statusWhen(predicate: (text: string) => boolean): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const text = await readFile(statusFile(), 'utf8').catch(() => '');
    if (text && predicate(text)) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`status file never matched: ${await readFile(statusFile(), 'utf8').catch(() => '(none)')}`);
}

async function statusline(env: Record<string, string> = {}, stdin = '{"model":{"display_name":"Sonnet"}}') {
  const child = run(process.execPath, [bin, 'statusline'], {
    env: { PATH: process.env.PATH, CCS_HOME: home, CCS_STATUS_FILE: statusFile(), NO_COLOR: '1', ...env },
  });
  child.child.stdin?.end(stdin);
  return (await child).stdout.trimEnd();
}

const usageAt = (percent: number, resetAfterSeconds: number, windowMinutes: number) => ({
  usedPercent: percent,
  windowMinutes,
  resetAfterSeconds,
});

describe('ccs statusline over the proxy status file (real Codex provider, emulator)', () => {
  it('shows provider, account, model, the effort sent and the tightest window from the x-codex headers', async () => {
    emu.control.setUsage('john@example.com', {
      primary: usageAt(45, 2 * 3600 + 10 * 60 + 20, 300),
      secondary: usageAt(21, 4 * 86400, 10080),
    });
    const sdk = await client();
    // Before any request: the account and model the session starts with.
    expect(await statusline()).toBe(`codex john · ${MODEL}`);

    await ask(sdk);
    await statusWhen((text) => text.includes('"lastStatus":200'));
    expect(sent()).toMatch(/ high$/); // the sonnet slot's -high suffix
    expect(await statusline()).toBe(`codex john · ${sent()} · 5h 45% · resets 2h 10m · wk 21%`);
    // 0600 and nothing secret in it.
    expect((await stat(statusFile())).mode & 0o777).toBe(0o600);
    const raw = await readFile(statusFile(), 'utf8');
    expect(raw).not.toMatch(/eyJ|ccs-test-key/); // no JWT (access/id token), no key

    // A narrow terminal gets the short line; colours only without NO_COLOR.
    expect(await statusline({ COLUMNS: '50' })).toBe(`john · ${sent()} · 5h 45% · 2h 10m`);
    expect(await statusline({ NO_COLOR: '' })).toMatch(/\x1b\[1mcodex john\x1b\[0m.*\x1b\[32m45%\x1b\[0m/);
  });

  it('marks a failover and shows the account that took over, with its quota', async () => {
    const sdk = await client();
    await ask(sdk);
    await statusWhen((text) => text.includes('"account":"john"') && text.includes('"lastStatus":200'));
    emu.control.setUsage('john@example.com', { primary: usageAt(100, 3600, 300) });
    emu.control.setUsage('mary@example.com', {
      primary: usageAt(12, 4 * 3600, 300),
      secondary: usageAt(3, 5 * 86400, 10080),
    });
    emu.control.enqueueTurn({ fault: 'usage-limit-429', forEmail: 'john@example.com' });
    await ask(sdk);
    await statusWhen((text) => text.includes('"account":"mary"'));
    expect(await statusline()).toBe(`codex mary ⇄ from john · ${sent()} · 5h 12% · resets 4h · wk 3%`);
  });

  it('rewrites the status file only when what it says changes, and leaves no temp file', async () => {
    const sdk = await client();
    await ask(sdk);
    await statusWhen((text) => text.includes('"lastStatus":200'));
    const first = await stat(statusFile());
    // The same request again says the same thing: the file (a new inode on every rename) stays.
    await ask(sdk);
    await ask(sdk);
    await new Promise((r) => setTimeout(r, 150)); // the writer runs just after each response
    expect((await stat(statusFile())).ino).toBe(first.ino);
    // Another effort (the opus slot has no suffix) changes the line: the file is rewritten at once.
    await ask(sdk, 'claude-opus-4-8');
    await statusWhen((text) => !text.includes('"effort":"high"'));
    expect((await stat(statusFile())).ino).not.toBe(first.ino);
    expect((await stat(statusFile())).mode & 0o777).toBe(0o600);
    await proxy!.close();
    proxy = undefined;
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(home, 'run'))).toEqual([]);
  });

  it("removes the temp file of a proxy killed mid-write, and only a dead one's", async () => {
    const { mkdir, readdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(home, 'run'), { recursive: true });
    const dead = '.status-999999999.json.tmp'; // no such process
    const live = `.status-${process.pid}.json.tmp`; // a running proxy's write in progress
    await writeFile(join(home, 'run', dead), '{"version":1');
    await writeFile(join(home, 'run', live), '{"version":1');
    await client(); // the status writer's first write
    await statusWhen((text) => text.includes('"account":"john"'));
    const names = await readdir(join(home, 'run'));
    expect(names).not.toContain(dead);
    expect(names).toContain(live);
  });

  it('says so when there is no session, or when its proxy is gone', async () => {
    expect(await statusline({ CCS_STATUS_FILE: join(home, 'nothing.json') })).toBe(
      'ccs · Sonnet · no ccs session',
    );
    const sdk = await client();
    await ask(sdk);
    await statusWhen((text) => text.includes('"lastStatus":200'));
    const text = await readFile(statusFile(), 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(statusFile(), text.replace(/"pid":\d+/, '"pid":999999999'));
    expect(await statusline()).toMatch(/^codex john · .* · proxy stopped$/);
  });
});

interface Expected {
  model: string;
  account: string;
  input: number;
  cached: number;
  output: number;
  reasoning: number;
}

async function usageJson(by: string): Promise<{
  rows: Array<{
    key: string;
    requests: number;
    inputTokens: number;
    cachedInputTokens: number;
    outputTokens: number;
    reasoningTokens: number;
  }>;
  total: {
    requests: number;
    inputTokens: number;
    cachedInputTokens: number;
    outputTokens: number;
    reasoningTokens: number;
  };
  skippedLines: number;
}> {
  const { stdout } = await run(process.execPath, [bin, 'usage', '--json', '--by', by], {
    env: { PATH: process.env.PATH, CCS_HOME: home, TZ: 'UTC' },
  });
  return JSON.parse(stdout);
}

function sumBy(expected: Expected[], key: (e: Expected) => string) {
  const groups = new Map<
    string,
    {
      requests: number;
      inputTokens: number;
      cachedInputTokens: number;
      outputTokens: number;
      reasoningTokens: number;
    }
  >();
  for (const e of expected) {
    const g = groups.get(key(e)) ?? {
      requests: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
    };
    g.requests++;
    g.inputTokens += e.input - e.cached;
    g.cachedInputTokens += e.cached;
    g.outputTokens += e.output;
    g.reasoningTokens += e.reasoning;
    groups.set(key(e), g);
  }
  return Object.fromEntries(groups);
}

describe('usage ledger and ccs usage (real Codex provider, emulator)', () => {
  it('totals per day, model and account match the usage the emulator reported over a scripted session', async () => {
    const sdk = await client();
    const accountOf = new Map(
      emu.control.accounts().map((a) => [a.chatgptAccountId, a.email.split('@')[0]!] as const),
    );
    const expected: Expected[] = [];
    const script = [
      {
        model: 'claude-sonnet-4-8',
        usage: { inputTokens: 1200, cachedTokens: 200, outputTokens: 300, reasoningTokens: 100 },
      },
      {
        model: 'claude-sonnet-4-8',
        usage: { inputTokens: 2500, cachedTokens: 1800, outputTokens: 120, reasoningTokens: 0 },
      },
      {
        model: 'claude-haiku-4-5',
        usage: { inputTokens: 640, cachedTokens: 0, outputTokens: 64, reasoningTokens: 32 },
      },
      {
        model: 'claude-sonnet-4-8',
        usage: { inputTokens: 3100, cachedTokens: 2400, outputTokens: 900, reasoningTokens: 512 },
        failover: true,
      },
    ];
    for (const step of script) {
      if (step.failover) emu.control.enqueueTurn({ fault: 'usage-limit-429', forEmail: 'john@example.com' });
      emu.control.enqueueTurn({ usage: step.usage });
      await ask(sdk, step.model, step.failover ? 'session-two' : 'session-one');
      const request = emu.control.requests({ path: '/codex/responses' }).at(-1)!;
      expected.push({
        model: (request.body as { model: string }).model,
        account: accountOf.get(request.headers['chatgpt-account-id']!)!,
        input: step.usage.inputTokens,
        cached: step.usage.cachedTokens,
        output: step.usage.outputTokens,
        reasoning: step.usage.reasoningTokens,
      });
    }
    await proxy?.close(); // flushes the ledger
    proxy = undefined;
    expect(new Set(expected.map((e) => e.account))).toEqual(new Set(['john', 'mary']));

    const pick = (row: Record<string, unknown>) => ({
      requests: row.requests,
      inputTokens: row.inputTokens,
      cachedInputTokens: row.cachedInputTokens,
      outputTokens: row.outputTokens,
      reasoningTokens: row.reasoningTokens,
    });
    const rowsOf = (doc: Awaited<ReturnType<typeof usageJson>>) =>
      Object.fromEntries(doc.rows.map((row) => [row.key, pick(row)]));

    const byModel = await usageJson('model');
    expect(rowsOf(byModel)).toEqual(sumBy(expected, (e) => e.model));
    const byAccount = await usageJson('account');
    expect(rowsOf(byAccount)).toEqual(sumBy(expected, (e) => `codex/${e.account}`));
    const byDay = await usageJson('day');
    const today = new Date().toISOString().slice(0, 10);
    expect(rowsOf(byDay)).toEqual(sumBy(expected, () => today));
    expect(pick(byDay.total)).toEqual(sumBy(expected, () => 'all').all);
    const bySession = await usageJson('session');
    expect(bySession.rows.map((row) => [row.key, row.requests])).toEqual([
      ['session-one', 3],
      ['session-two', 1],
    ]);
    expect(byDay.skippedLines).toBe(0);

    // The ledger holds counts and names only, 0600 in a 0700 folder.
    const ledger = join(home, 'usage', 'ledger.jsonl');
    expect((await stat(ledger)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, 'usage'))).mode & 0o777).toBe(0o700);
    const text = await readFile(ledger, 'utf8');
    expect(text).not.toContain('zebra-42');
    expect(text).not.toMatch(/eyJ|ccs-test-key|Hello from the emulator/);

    // The table a person reads.
    const { stdout } = await run(process.execPath, [bin, 'usage', '--by', 'account'], {
      env: { PATH: process.env.PATH, CCS_HOME: home, TZ: 'UTC', NO_COLOR: '1' },
    });
    expect(stdout).toMatch(/^Account\s+Requests\s+Input\s+Cached\s+Output\s+Reasoning\s+Total$/m);
    expect(stdout).toMatch(/^Total\s+4\s+3,040\s+4,400\s+1,384\s+644\s+8,824$/m);
  });
});
