// Cold start of the built CLI: `node apps/cli/dist/bin.js --version` (and --help) against `node -e 0`,
// the floor any Node.js CLI pays. Median of 10 runs each, interleaved so machine noise hits both
// alike. Target (issue 14): --version at most 1.3x the floor. Run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportTarget } from './lib/targets.mjs';

const RUNS = 10;
const WARMUP = 2;
const BUDGET = 1.3;
const bin = fileURLToPath(new URL('../apps/cli/dist/bin.js', import.meta.url));
if (!existsSync(bin)) {
  console.error(`cold-start: ${bin} is missing; run "pnpm build" first.`);
  process.exit(1);
}

// An empty home, so nothing the user has can make ccs slower or faster (and nothing is touched).
const home = mkdtempSync(join(tmpdir(), 'ccs-bench-'));
const env = { ...process.env, HOME: home, CCS_HOME: join(home, '.ccs'), NO_COLOR: '1' };

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'ccs --version', args: [bin, '--version'] },
  { name: 'ccs --help', args: [bin, '--help'] },
];

function timeOnce(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const samples = new Map(cases.map((c) => [c.name, []]));
for (let round = 0; round < WARMUP + RUNS; round++) {
  for (const c of cases) {
    const ms = timeOnce(c.args);
    if (round >= WARMUP) samples.get(c.name).push(ms);
  }
}
rmSync(home, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const floor = median(samples.get('node -e 0'));
console.log(
  `cold-start: median of ${RUNS} interleaved runs each (after ${WARMUP} warm-up rounds), node ${process.version}`,
);
for (const c of cases) {
  const m = median(samples.get(c.name));
  console.log(`${c.name.padEnd(16)} ${m.toFixed(1).padStart(7)} ms  ${(m / floor).toFixed(2)}x node -e 0`);
}
const ratio = median(samples.get('ccs --version')) / floor;
reportTarget('cold start: ccs --version', `${ratio.toFixed(2)}x node -e 0`, `≤ ${BUDGET}x`, ratio <= BUDGET);
