import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCcs, stripAnsi, waitFor } from '../../../scripts/lib/ccs-harness.mjs';
import { bundleCli } from './launch-helpers.js';

// The real picker (@clack/prompts) in a pseudo-terminal made by util-linux `script`, driven by keys.
const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

let bundle: { bin: string; cleanup: () => void };
let home: string;

beforeAll(async () => {
  bundle = await bundleCli();
  home = mkdtempSync(join(tmpdir(), 'ccs-picker-tty-'));
}, 60_000);
afterAll(() => {
  bundle?.cleanup();
  rmSync(home, { recursive: true, force: true });
});

const env = () => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home,
  CCS_HOME: join(home, 'ccs'),
  CCS_CODEX_BASE_URL: 'http://127.0.0.1:9/backend-api',
  TERM: 'xterm-256color',
  LANG: 'C.UTF-8',
});

describe('ccs codex --config in a terminal', () => {
  it.skipIf(!hasScript)('arrow keys pick gpt-5.5 and effort high; the file is written', async () => {
    const command = `stty cols 120 rows 40; ${JSON.stringify(process.execPath)} ${JSON.stringify(bundle.bin)} codex --config`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: env(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const seen = (text: string) =>
      waitFor(() => stripAnsi(screen).includes(text), { what: text, timeoutMs: 15_000 });
    const keys = (text: string) => child.stdin.write(text);
    const DOWN = '\x1b[B';
    const ENTER = '\r';
    try {
      await seen('Default model');
      keys(DOWN.repeat(3));
      await new Promise((r) => setTimeout(r, 200));
      keys(ENTER);
      await seen('per slot');
      keys(ENTER); // No
      await seen('Default reasoning effort');
      keys(DOWN.repeat(3));
      await new Promise((r) => setTimeout(r, 200));
      keys(ENTER);
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(timer);
    }
    const file = join(home, 'ccs', 'codex.settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).env).toEqual({
      ANTHROPIC_MODEL: 'gpt-5.5',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.5',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.5',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
      CCS_CODEX_EFFORT: 'high',
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(stripAnsi(screen)).toContain('all plans · max effort xhigh');
  });

  it('with stdin not a terminal it exits 2 at once with instructions', async () => {
    const result = await runCcs(['codex', '--config'], { bin: bundle.bin, env: env(), timeoutMs: 15_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs a terminal');
    expect(result.stderr).toContain(join(home, 'ccs', 'codex.settings.json'));
  });
});
