// Startup of a session: from `ccs codex -p …` being spawned to Claude Code's process starting, with an
// account already signed in (against the local emulator; no other network). Claude Code is a fake that
// records `performance.timeOrigin` (when its Node process started) and exits. Baseline: the same fake
// spawned directly, in the same loop, i.e. what launching any process costs here. Median of 10
// interleaved runs after 2 warm-up rounds; `node -e 0` (spawn → its one statement) is the floor any
// Node.js program pays, for comparing machines. Budget: under 300 ms. Run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBinPath, createSandbox, loginHeadless } from '../scripts/lib/ccs-harness.mjs';
import { reportTarget } from './lib/targets.mjs';

const RUNS = 10;
const WARMUP = 2;
const BUDGET_MS = 300;
const testkit = fileURLToPath(new URL('../packages/testkit/dist/index.js', import.meta.url));
for (const file of [cliBinPath, testkit]) {
  if (!existsSync(file)) {
    console.error(`startup: ${file} is missing; run "pnpm build" first.`);
    process.exit(1);
  }
}
const { startEmulator } = await import(testkit);

const emu = await startEmulator({ port: 0 });
const sandbox = await createSandbox({
  issuer: emu.issuer,
  baseUrl: emu.baseUrl,
  claudePath: '',
  prefix: 'ccs-bench-startup-',
});
const fake = join(sandbox.root, 'fake-claude.mjs');
const mark = join(sandbox.root, 'claude-started-at');
writeFileSync(
  fake,
  `import { writeFileSync } from 'node:fs';\nwriteFileSync(process.env.BENCH_MARK, String(performance.timeOrigin));\n`,
);
const env = { ...sandbox.env, CCS_CLAUDE_PATH: fake, BENCH_MARK: mark };

try {
  emu.control.addAccount({ email: 'bench@example.com', plan: 'plus' });
  emu.control.setAuthorizeBehavior({ email: 'bench@example.com' });
  const login = await loginHeadless({ env, cwd: sandbox.projectDir });
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  // Sign-in fetches the account's model list (cached on disk): that is not part of a launch.
  const backendCalls = () => emu.control.requests().filter((r) => !r.path.startsWith('/oauth')).length;
  const afterLogin = backendCalls();

  /** ms from spawning `args` to the fake Claude Code's process start. */
  const timeToClaude = (args) => {
    const spawnedAt = performance.timeOrigin + performance.now();
    const result = spawnSync(process.execPath, args, {
      env,
      cwd: sandbox.projectDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    return Number(readFileSync(mark, 'utf8')) - spawnedAt;
  };
  const cases = [
    {
      name: 'node -e 0',
      args: [
        '-e',
        `require('node:fs').writeFileSync(process.env.BENCH_MARK, String(performance.timeOrigin + performance.now()))`,
      ],
    },
    { name: 'fake claude alone', args: [fake] },
    { name: 'ccs codex -p hi', args: [cliBinPath, 'codex', '-p', 'hi'] },
  ];
  const samples = new Map(cases.map((c) => [c.name, []]));
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const c of cases) {
      const ms = timeToClaude(c.args);
      if (round >= WARMUP) samples.get(c.name).push(ms);
    }
  }
  const upstreamCalls = backendCalls() - afterLogin;

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  console.log(
    `startup: spawn → Claude Code process start, median of ${RUNS} interleaved runs (after ${WARMUP} warm-up rounds), node ${process.version}`,
  );
  for (const c of cases) {
    const values = samples.get(c.name);
    console.log(
      `${c.name.padEnd(20)} ${median(values).toFixed(1).padStart(7)} ms  (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`,
    );
  }
  const total = median(samples.get('ccs codex -p hi'));
  const added = total - median(samples.get('fake claude alone'));
  const floor = median(samples.get('node -e 0'));
  console.log(
    `ccs codex → Claude Code = ${(total / floor).toFixed(2)}x a bare node start (node -e 0 here measures spawn → end of its script)`,
  );
  console.log(`requests to the backend during ${(WARMUP + RUNS) * 1} launches: ${upstreamCalls}`);
  reportTarget(
    'ccs codex → Claude Code spawn',
    `${total.toFixed(1)} ms (ccs adds ${added.toFixed(1)} ms)`,
    `≤ ${BUDGET_MS} ms`,
    total <= BUDGET_MS,
  );
  reportTarget('requests to the backend during launches', String(upstreamCalls), '0', upstreamCalls === 0);
  process.exitCode = total <= BUDGET_MS && upstreamCalls === 0 ? 0 : 1;
} finally {
  await emu.close();
  sandbox.cleanup();
}
