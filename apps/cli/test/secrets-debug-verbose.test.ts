import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox, loginHeadless, runCcs, type Sandbox } from '../../../scripts/lib/ccs-harness.mjs';
import { bundleCli, type FakeClaudeRecord, writeFakeClaude } from './launch-helpers.js';

// The loudest a user can make ccs: `debug: true` in config.yaml AND --verbose on every command, over a whole
// life cycle (sign in, a session whose reply is a tool call, quota, sign out). No token and no local API key
// may show in any output or in any file under CCS_HOME except the token files (and, for the configured key,
// config.yaml, which is where it lives).

let emu: Emulator;
let bundle: { bin: string; cleanup: () => void };
let box: Sandbox;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  bundle = await bundleCli();
  box = await createSandbox({
    issuer: emu.issuer,
    baseUrl: emu.baseUrl,
    prefix: 'ccs-debug-',
    claudePath: '',
  });
  box.env.CCS_CLAUDE_PATH = writeFakeClaude(box.root);
}, 60_000);
afterAll(async () => {
  await emu?.close();
  bundle?.cleanup();
  box?.cleanup();
});

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

it('debug: true plus --verbose never prints or stores a token or a local API key', async () => {
  const outputs: string[] = [];
  const ccs = async (args: string[], env: Record<string, string> = {}) => {
    const result = await runCcs(args, {
      bin: bundle.bin,
      env: { ...box.env, ...env },
      cwd: box.projectDir,
      timeoutMs: 30_000,
    });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  // `ccs env codex` writes config.yaml with a fresh key (and must print it: its output is not checked).
  expect((await ccs(['env', 'codex'])).code).toBe(0);
  outputs.length = 0;
  const configPath = join(box.ccsHome, 'cliproxy', 'config.yaml');
  writeFileSync(configPath, `${readFileSync(configPath, 'utf8')}\ndebug: true\n`);

  emu.control.addAccount({ email: 'john@example.com', plan: 'plus' });
  emu.control.setAuthorizeBehavior({ email: 'john@example.com' });
  const login = await loginHeadless({
    env: box.env,
    cwd: box.projectDir,
    bin: bundle.bin,
    extraArgs: ['--verbose'],
  });
  // The authorize URL carries state and the PKCE challenge and has to be shown; nothing else may.
  outputs.push(
    `${login.stdout}\n${login.stderr}`.replace(/http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+/g, '<url>'),
  );
  expect(login.code, login.stderr).toBe(0);

  // The token set as it is on disk (after sign-in), before anything refreshes or signs out.
  const authDir = join(box.ccsHome, 'cliproxy', 'auth');
  const tokenFile = readdirSync(authDir).find((name) => /^codex-.*\.json$/.test(name))!;
  const tokens = JSON.parse(readFileSync(join(authDir, tokenFile), 'utf8')) as Record<string, string>;
  const configuredKey = /- "?([^"\s]+)"?/.exec(readFileSync(configPath, 'utf8'))![1]!;

  emu.control.enqueueTurn({
    text: 'Let me read it.',
    toolCalls: [{ name: 'Read', arguments: { file_path: '/tmp/a.txt' } }],
  });
  const record = join(box.root, 'fake-claude.jsonl');
  const session = await ccs(['codex', '--verbose', '-p', 'read a.txt'], { FAKE_CLAUDE_RECORD: record });
  expect(session.code, session.stderr).toBe(0);
  // --verbose really traced the request (so the check below looks at a verbose trace).
  expect(session.stderr).toMatch(/reasoning\.effort/);
  const sessionKey = (JSON.parse(readFileSync(record, 'utf8').split('\n')[0]!) as FakeClaudeRecord).env
    .ANTHROPIC_AUTH_TOKEN!;

  expect((await ccs(['cliproxy', 'quota', '--provider', 'codex'])).code).toBe(0);
  expect((await ccs(['cliproxy', 'quota', '--provider', 'codex', '--json'])).code).toBe(0);
  const snapshot = filesUnder(box.ccsHome).map((path) => [path, readFileSync(path, 'utf8')] as const);
  expect((await ccs(['codex', '--logout', '--verbose'])).code).toBe(0);

  const secrets = {
    access_token: tokens.access_token!,
    refresh_token: tokens.refresh_token!,
    id_token: tokens.id_token!,
    configuredKey,
    sessionKey,
  };
  for (const value of Object.values(secrets)) expect(value.length).toBeGreaterThan(15);
  expect(sessionKey).not.toBe(configuredKey);

  const leaks: string[] = [];
  const shown = outputs.join('\n');
  for (const [name, value] of Object.entries(secrets))
    if (shown.includes(value)) leaks.push(`output: ${name}`);
  const files = [
    ...snapshot,
    ...filesUnder(box.ccsHome).map((path) => [path, readFileSync(path, 'utf8')] as const),
  ];
  expect(files.map(([path]) => relative(box.ccsHome, path))).toContain('cliproxy/accounts.json');
  for (const [path, text] of files) {
    const name = relative(box.ccsHome, path);
    if (/^cliproxy\/auth\/codex-[^/]*\.json$/.test(name)) continue;
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const [secret, value] of Object.entries(secrets)) {
      if (secret === 'configuredKey' && name === 'cliproxy/config.yaml') continue;
      if (text.includes(value)) leaks.push(`${name}: ${secret}`);
    }
  }
  expect(leaks).toEqual([]);
}, 120_000);
