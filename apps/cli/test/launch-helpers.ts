// Shared by the launch-*.test.ts files: the CLI bundled from source into a temp dir (so the tests run
// the real `ccs` process, signals and all, without a prior build) and a fake Claude Code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliRoot = fileURLToPath(new URL('..', import.meta.url));

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<unknown>;
}

/** esbuild is tsup's dependency; reach it through tsup rather than adding a dependency. */
function loadEsbuild(): EsbuildLike {
  const require = createRequire(import.meta.url);
  const tsup = require.resolve('tsup');
  return createRequire(tsup)('esbuild') as EsbuildLike;
}

/** Bundles apps/cli/src/bin.ts (workspace packages from their src) into a temp dir; returns bin path and cleanup. */
export async function bundleCli(): Promise<{ bin: string; cleanup: () => void }> {
  const outdir = mkdtempSync(join(tmpdir(), 'ccs-cli-bundle-'));
  await loadEsbuild().build({
    entryPoints: [join(cliRoot, 'src/bin.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['source'],
    define: { __CCS_VERSION__: JSON.stringify('0.0.0-test') },
    banner: {
      js: "import { createRequire as __ccsCreateRequire } from 'node:module'; const require = __ccsCreateRequire(import.meta.url);",
    },
    logLevel: 'silent',
    absWorkingDir: cliRoot,
  });
  return { bin: join(outdir, 'bin.js'), cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/**
 * A fake `claude`: records its start time (ms since the epoch, sub-ms), argv, pid and the environment
 * ccs gave it into $FAKE_CLAUDE_RECORD, then by FAKE_CLAUDE_MODE:
 *   request (default): sends one Anthropic Messages request to ANTHROPIC_BASE_URL (model
 *     $FAKE_CLAUDE_MODEL or ANTHROPIC_MODEL), prints the reply text, exits $FAKE_CLAUDE_EXIT (default 0);
 *   wait: prints "fake-claude ready" and waits; on SIGINT/SIGTERM/SIGHUP appends the signal to the record
 *     file and dies of it (so the exit status is 128+n).
 */
export const FAKE_CLAUDE_SOURCE = `
import { appendFileSync, writeFileSync } from 'node:fs';
const startedAt = performance.timeOrigin + performance.now();
const record = process.env.FAKE_CLAUDE_RECORD;
const keys = Object.keys(process.env).filter((k) => /^(ANTHROPIC_|CLAUDE_CODE_|DISABLE_|CCS_|IS_SANDBOX|MY_|FAKE_)/.test(k));
const env = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
if (record) writeFileSync(record, JSON.stringify({ startedAt, pid: process.pid, ppid: process.ppid, argv: process.argv.slice(2), env }) + '\\n');
const mode = process.env.FAKE_CLAUDE_MODE ?? 'request';
if (mode === 'wait') {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (record) appendFileSync(record, JSON.stringify({ signal }) + '\\n');
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    });
  }
  process.stdout.write('fake-claude ready\\n');
  setInterval(() => {}, 1000);
} else {
  const model = process.env.FAKE_CLAUDE_MODEL ?? process.env.ANTHROPIC_MODEL;
  const response = await fetch(process.env.ANTHROPIC_BASE_URL + '/v1/messages', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'Bearer ' + process.env.ANTHROPIC_AUTH_TOKEN,
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Say hello' }] }),
  });
  const body = await response.json();
  if (!response.ok) {
    process.stderr.write('fake-claude: HTTP ' + response.status + ' ' + JSON.stringify(body) + '\\n');
    process.exit(1);
  }
  const text = body.content.filter((p) => p.type === 'text').map((p) => p.text).join('');
  process.stdout.write('reply: ' + text + '\\n');
  process.exit(Number(process.env.FAKE_CLAUDE_EXIT ?? 0));
}
`;

export function writeFakeClaude(dir: string): string {
  const path = join(dir, 'fake-claude.mjs');
  writeFileSync(path, FAKE_CLAUDE_SOURCE);
  return path;
}

export interface FakeClaudeRecord {
  startedAt: number;
  pid: number;
  ppid: number;
  argv: string[];
  env: Record<string, string>;
}
