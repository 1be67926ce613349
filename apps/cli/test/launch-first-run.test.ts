import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSandbox,
  processesWithEnv,
  responsesCalls,
  type Sandbox,
  startCcs,
  stripAnsi,
  waitFor,
} from '../../../scripts/lib/ccs-harness.mjs';
import { bundleCli, writeFakeClaude } from './launch-helpers.js';

// The provider page's "First-Time Setup": `ccs codex "…"` with no account signs in first, then runs.

let emu: Emulator;
let bundle: { bin: string; cleanup: () => void };
let sandbox: Sandbox;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  bundle = await bundleCli();
  sandbox = await createSandbox({
    issuer: emu.issuer,
    baseUrl: emu.baseUrl,
    prefix: 'ccs-first-run-',
    claudePath: '',
  });
  sandbox.env.CCS_CLAUDE_PATH = writeFakeClaude(sandbox.root);
}, 60_000);

afterAll(async () => {
  sandbox?.cleanup();
  bundle?.cleanup();
  await emu?.close();
});

describe('ccs codex with no account yet', () => {
  it('signs in first (headless here: no browser), then launches Claude Code on the new account', async () => {
    emu.control.addAccount({ email: 'new@example.com', plan: 'plus' });
    emu.control.setAuthorizeBehavior({ email: 'new@example.com' });
    const record = join(sandbox.root, 'first.jsonl');
    const proc = startCcs(['codex', '-p', 'explain this code'], {
      bin: bundle.bin,
      env: { ...sandbox.env, FAKE_CLAUDE_RECORD: record },
      cwd: sandbox.projectDir,
      timeoutMs: 30_000,
      stdin: 'pipe',
    });
    const authorizeUrl = await waitFor(
      () =>
        /https?:\/\/\S+\/oauth\/authorize\?\S+/.exec(
          stripAnsi(proc.output().stdout + proc.output().stderr),
        )?.[0],
      { what: 'the authorization URL', timeoutMs: 15_000 },
    );
    const redirect = (await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!;
    const callback = new URL(redirect);
    callback.hostname = '127.0.0.1';
    await (await fetch(callback)).text();
    const result = await proc.exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('No OpenAI Codex account yet');
    expect(result.stdout).toContain('reply: Hello from the emulator.');
    const start = JSON.parse(readFileSync(record, 'utf8').split('\n')[0]!);
    expect(start.argv).toEqual(['-p', 'explain this code']);
    expect(responsesCalls(emu).at(-1)?.status).toBe(200);
    expect(processesWithEnv(sandbox.ccsHome)).toEqual([]);
  });
});
