import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  descendantsOf,
  listProcesses,
  processesWithEnv,
  responsesCalls,
  waitFor,
} from '../../../scripts/lib/ccs-harness.mjs';
import {
  createE2eContext,
  describe as dump,
  type E2eContext,
  upstreamProblems,
} from './helpers/e2e-context.js';

// "ccs codex … exits with Claude Code's exit code; nothing ccs started outlives it."
let ctx: E2eContext;
beforeEach(async () => {
  ctx = await createE2eContext();
  await ctx.login('john@example.com', 'plus');
  // About 20 s of streaming: long enough to interrupt in the middle.
  ctx.emu.control.enqueueTurn({ text: 'word '.repeat(200), deltaCount: 100, delayMsPerEvent: 200 });
});
afterEach(async () => {
  await ctx?.close();
});

function alive(pid: number): boolean {
  const p = listProcesses().find((x) => x.pid === pid);
  return p !== undefined && p.state !== 'Z';
}

async function interruptMidStream(deliver: (proc: ReturnType<E2eContext['startCcs']>) => void) {
  const proc = ctx.startCcs(['codex', '-p', 'tell me a long story'], { timeoutMs: 60_000 });
  // Wait until Claude Code's request is streaming from the emulator.
  await waitFor(() => responsesCalls(ctx.emu).some((c) => c.status === 200), {
    timeoutMs: 30_000,
    what: 'the upstream stream to start',
  });
  await new Promise((r) => setTimeout(r, 500));
  const tree = descendantsOf(proc.pid!);
  expect(
    tree.map((p) => p.comm),
    'ccs should have started Claude Code as a child',
  ).toContainEqual(expect.stringContaining('claude'));
  const interruptedAt = Date.now();
  deliver(proc);
  const result = await proc.exited;
  const tookMs = Date.now() - interruptedAt;
  // Nothing left: not the processes seen before the signal, nor anything else carrying this sandbox's CCS_HOME.
  await waitFor(
    () => tree.every((p) => !alive(p.pid)) && processesWithEnv(ctx.sandbox.ccsHome).length === 0,
    {
      timeoutMs: 5_000,
      what: 'every process ccs started to end',
    },
  ).catch(() => undefined);
  const leftovers = [...tree.filter((p) => alive(p.pid)), ...processesWithEnv(ctx.sandbox.ccsHome)];
  for (const p of leftovers) {
    try {
      process.kill(p.pid, 'SIGKILL'); // clean up after a failing run
    } catch {}
  }
  return { result, tookMs, leftovers };
}

test('Ctrl-C (SIGINT to the foreground process group) during a stream leaves no process behind', async () => {
  const { result, tookMs, leftovers } = await interruptMidStream((proc) => proc.killGroup('SIGINT'));
  expect(result.timedOut, dump(result)).toBe(false);
  expect(tookMs).toBeLessThan(10_000);
  expect(leftovers.map((p) => `${p.pid} ${p.comm}`)).toEqual([]);
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
});

test('SIGTERM to ccs alone during a stream stops Claude Code too', async () => {
  const { result, tookMs, leftovers } = await interruptMidStream((proc) =>
    process.kill(proc.pid!, 'SIGTERM'),
  );
  expect(result.timedOut, dump(result)).toBe(false);
  expect(result.code === 0, dump(result)).toBe(false);
  expect(tookMs).toBeLessThan(10_000);
  expect(leftovers.map((p) => `${p.pid} ${p.comm}`)).toEqual([]);
  expect(upstreamProblems(ctx.emu)).toBeUndefined();
});
