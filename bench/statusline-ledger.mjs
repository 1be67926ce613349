// Two costs of issue 15, after `pnpm build`:
// 1. `ccs statusline` start-to-exit, against `node -e 0` (the floor of any Node.js command), with a
//    status file and Claude Code's JSON on stdin, as Claude Code runs it. Budget: it adds < 25 ms
//    to the floor, so the whole command stays well under 50 ms plus Node's own start.
// 2. The usage ledger and status file on the request path: two proxies (built dist) in this process,
//    one writing both, one writing neither, over the same in-process provider; interleaved streamed
//    requests; the paired p50/p95 latency difference. Budget: p50 difference < 0.5 ms.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportTarget } from './lib/targets.mjs';

const root = new URL('..', import.meta.url);
const bin = fileURLToPath(new URL('apps/cli/dist/bin.js', root));
const { startProxy } = await import(new URL('apps/proxy/dist/index.js', root).href);
const home = mkdtempSync(join(tmpdir(), 'ccs-bench-statusline-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  return s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
};
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

// ---------- 1. statusline cold start ----------
const statusFile = join(home, 'status.json');
const now = Date.now();
writeFileSync(
  statusFile,
  JSON.stringify({
    version: 1,
    updatedAt: new Date(now).toISOString(),
    pid: process.pid,
    provider: 'codex',
    providerName: 'OpenAI Codex',
    account: 'john',
    model: 'gpt-5.5',
    effort: 'xhigh',
    failover: null,
    quota: {
      fetchedAt: new Date(now).toISOString(),
      windows: [
        { label: '5h', usedPercent: 45, resetsAt: new Date(now + 7_800_000).toISOString() },
        { label: 'weekly', usedPercent: 21, resetsAt: new Date(now + 345_600_000).toISOString() },
      ],
    },
    lastStatus: 200,
    lastError: null,
  }),
);
const claudeJson = JSON.stringify({
  session_id: 'bench',
  model: { id: 'gpt-5.5', display_name: 'gpt-5.5' },
  workspace: { current_dir: home, project_dir: home },
  version: '2.1.332',
});
const env = {
  PATH: process.env.PATH,
  HOME: home,
  CCS_HOME: join(home, '.ccs'),
  CCS_STATUS_FILE: statusFile,
  NO_COLOR: '1',
};
const time = (args, input) => {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, input, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
};
// ccs's own part, without Node's start: from importing bin.js to the process exit, measured inside.
const inside = `const t0 = performance.now(); process.argv = [process.argv[0], ${JSON.stringify(bin)}, 'statusline'];
process.on('exit', () => process.stderr.write('ccs-ms=' + (performance.now() - t0).toFixed(2)));
await import(${JSON.stringify(new URL('apps/cli/dist/bin.js', root).href)});`;
const RUNS = 15;
const floor = [];
const line = [];
const own = [];
let shown = '';
for (let i = 0; i < RUNS + 2; i++) {
  const a = time(['-e', '0'], '');
  const b = time([bin, 'statusline'], claudeJson);
  const c = spawnSync(process.execPath, ['--input-type=module', '-e', inside], {
    env,
    input: claudeJson,
    encoding: 'utf8',
  });
  shown = b.out.trim();
  if (i >= 2) {
    floor.push(a.ms);
    line.push(b.ms);
    own.push(Number(/ccs-ms=([\d.]+)/.exec(c.stderr)?.[1]));
  }
}
const added = median(line) - median(floor);
console.log(
  `statusline: median of ${RUNS} interleaved runs (after 2 warm-up), node ${process.version}, load average ${loadavg()[0].toFixed(1)}`,
);
console.log(`node -e 0          ${median(floor).toFixed(1).padStart(7)} ms`);
console.log(
  `ccs statusline     ${median(line).toFixed(1).padStart(7)} ms  (adds ${added.toFixed(1)} ms to node -e 0)`,
);
console.log(
  `  of which ccs     ${median(own).toFixed(1).padStart(7)} ms  from importing bin.js to exit (budget < 25 ms)`,
);
console.log(`  prints: ${shown}`);
reportTarget(
  'ccs statusline, ccs part (import bin.js to exit)',
  `${median(own).toFixed(1)} ms`,
  '< 25 ms',
  median(own) < 25,
);

// ---------- 2. ledger + status file on the request path ----------
const MODEL = {
  id: 'm',
  displayName: 'M',
  effort: { supported: ['medium'], default: 'medium', max: 'medium' },
  source: 'static',
};
const account = {
  id: 'a1',
  providerId: 'codex',
  nickname: 'john',
  email: 'j@example.com',
  plan: 'pro',
  isDefault: true,
  createdAt: '2026-01-01T00:00:00Z',
};
const provider = {
  specificationVersion: 'v1',
  id: 'codex',
  displayName: 'Bench',
  authStrategies: [],
  accounts: {
    list: async () => [account],
    getDefault: async () => account,
    resolve: async () => account,
    setDefault: async () => {},
    rename: async () => {},
    remove: async () => {},
  },
  modelCatalog: {
    specificationVersion: 'v1',
    staticModels: () => [MODEL],
    list: async () => [MODEL],
    get: (id) => (id === 'm' ? MODEL : undefined),
    isAvailable: () => true,
  },
  effortPolicy: {
    specificationVersion: 'v1',
    resolve: () => ({
      effort: 'medium',
      requested: 'medium',
      source: 'slot-default',
      capped: false,
      warnings: [],
    }),
  },
  chatModel: () => ({
    specificationVersion: 'v1',
    providerId: 'codex',
    modelId: 'm',
    async stream() {
      async function* parts() {
        yield { type: 'stream-start', id: 'r', modelId: 'm' };
        yield { type: 'text-start', id: 't' };
        for (let i = 0; i < 20; i++) yield { type: 'text-delta', id: 't', delta: 'tok ' };
        yield { type: 'text-end', id: 't' };
        yield {
          type: 'finish',
          reason: 'stop',
          usage: { inputTokens: 1000, cachedInputTokens: 800, outputTokens: 20, reasoningTokens: 0 },
        };
      }
      return { stream: parts(), responseHeaders: {}, warnings: [] };
    },
  }),
};
const KEY = 'bench-key-statusline-ledger-000';
const providers = new Map([['codex', provider]]);
const plain = await startProxy({ providers, apiKey: KEY, models: { default: 'm' } });
const ledgerDir = join(home, 'usage');
const observed = await startProxy({
  providers,
  apiKey: KEY,
  models: { default: 'm' },
  ledgerDir,
  statusFile: join(home, 'run', 'status-bench.json'),
});
const body = JSON.stringify({
  model: 'm',
  max_tokens: 64,
  stream: true,
  messages: [{ role: 'user', content: 'hi' }],
});
async function request(url) {
  const start = performance.now();
  const res = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body,
  });
  await res.text();
  return performance.now() - start;
}
const N = 400;
const diffs = [];
const on = [];
const off = [];
for (let i = 0; i < N + 20; i++) {
  const a = await request(plain.url);
  const b = await request(observed.url);
  if (i >= 20) {
    off.push(a);
    on.push(b);
    diffs.push(b - a);
  }
}
await plain.close();
await observed.close();
const lines = readFileSync(join(ledgerDir, 'ledger.jsonl'), 'utf8').trim().split('\n').length;
console.log(
  `\nledger + status file on the request path: ${N} streamed requests each, interleaved (after 20 warm-up)`,
);
console.log(`without  p50 ${median(off).toFixed(2)} ms  p95 ${p95(off).toFixed(2)} ms`);
console.log(`with     p50 ${median(on).toFixed(2)} ms  p95 ${p95(on).toFixed(2)} ms`);
console.log(
  `paired difference p50 ${median(diffs).toFixed(3)} ms (budget < 0.5 ms)  p95 ${p95(diffs).toFixed(3)} ms; ${lines} ledger lines written`,
);
reportTarget(
  'ledger + status file, paired p50 added latency',
  `${median(diffs).toFixed(3)} ms`,
  '< 0.5 ms',
  median(diffs) < 0.5,
);
rmSync(home, { recursive: true, force: true });
if (lines !== N + 20) {
  console.error(`expected ${N + 20} ledger lines, found ${lines}`);
  process.exit(1);
}
