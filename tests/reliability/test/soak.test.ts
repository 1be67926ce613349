import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CcsRun, freePort, runCcs, startCcs } from '../../../apps/cli/test/auth-harness.js';
import { FULL, saveFigures } from './harness/figures.js';
import { type ProcessSample, runSessions, sampleProcess } from './harness/soak.js';
import { setupWorld, type World } from './harness/world.js';

// Sessions through the BUILT `ccs proxy` against the emulator (loopback only): memory, open sockets
// and file descriptors of the proxy process must stay flat. Bounded here; `pnpm reliability` runs
// 1000 sequential and 1000 at 16 concurrent.
const SEQUENTIAL = FULL ? 1000 : 40;
const CONCURRENT = FULL ? 1000 : 48;
const WARMUP = FULL ? 100 : 20;
const HEAP_CAP_MB = 64;

const capture = JSON.parse(
  readFileSync(new URL('../../e2e/fixtures/claude-code-requests/text.json', import.meta.url), 'utf8'),
) as { requests: Array<{ url: string; body?: Record<string, unknown> }> };
// A real Claude Code request (~50 KB: system prompt, tools), under a Claude model name the proxy maps.
const body = JSON.stringify({
  ...capture.requests.find((r) => r.body)!.body,
  model: 'claude-opus-4-8',
  stream: true,
});

let world: World;
let proxy: CcsRun;
let url = '';
let key = '';
// Claude Code keeps a small pool of connections; so does this client.
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

beforeAll(async () => {
  world = await setupWorld();
  key = /ANTHROPIC_AUTH_TOKEN=(\S+)/.exec((await runCcs(['env', 'codex'], world.box.env)).stdout)![1]!;
  const port = await freePort();
  // A small old-space cap: a leak of a few KB per session would make the proxy run out of memory and
  // fail sessions long before the end, instead of hiding in a slowly growing RSS.
  proxy = startCcs(['proxy', '--port', String(port)], {
    ...world.box.env,
    NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}`,
  });
  await proxy.waitFor(new RegExp(`http://127\\.0\\.0\\.1:${port}`));
  url = `http://127.0.0.1:${port}`;
}, 300_000);
afterAll(async () => {
  proxy?.child.kill('SIGTERM');
  await proxy?.exit;
  agent.destroy();
  await world?.close();
});

function post(): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/messages?beta=true`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function session() {
  const { status, text } = await post();
  if (status !== 200 || !text.includes('event: message_stop') || text.includes('event: error'))
    return { ok: false, error: `${status} ${text.slice(0, 200)}` };
  return { ok: true };
}

describe('soak through the built proxy', () => {
  it(
    `${SEQUENTIAL} sequential and ${CONCURRENT} concurrent-16 sessions keep memory, sockets and fds flat`,
    async () => {
      const pid = proxy.child.pid!;
      const samples: Array<ProcessSample & { phase: string }> = [];
      const sample = async (phase: string, sessions: number) => {
        samples.push({ phase, ...(await sampleProcess(pid, sessions)) });
      };
      await runSessions(WARMUP, 4, session, async () => {}, WARMUP);
      await sample('after warm-up', WARMUP);
      const started = performance.now();
      const sequential = await runSessions(
        SEQUENTIAL,
        1,
        session,
        (n) => sample('sequential', n),
        SEQUENTIAL / 4,
      );
      const concurrent = await runSessions(
        CONCURRENT,
        16,
        session,
        (n) => sample('concurrent-16', n),
        CONCURRENT / 4,
      );
      const seconds = (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 1_000));
      await sample('1 s after the last session', SEQUENTIAL + CONCURRENT);
      const base = samples[0]!;
      const end = samples.at(-1)!;
      const peak = (key: 'rssMb' | 'fds' | 'sockets') => Math.max(...samples.map((s) => s[key]));
      await saveFigures('soak', {
        sequential: SEQUENTIAL,
        concurrent16: CONCURRENT,
        seconds: Math.round(seconds),
        heapCapMb: HEAP_CAP_MB,
        failures: sequential.failures.length + concurrent.failures.length,
        failureSamples: [...sequential.failures, ...concurrent.failures].slice(0, 5),
        samples,
        growth: {
          rssMb: end.rssMb - base.rssMb,
          fds: end.fds - base.fds,
          sockets: end.sockets - base.sockets,
        },
        peak: { rssMb: peak('rssMb'), fds: peak('fds'), sockets: peak('sockets') },
      });
      expect([...sequential.failures, ...concurrent.failures]).toEqual([]);
      // Flat: what is open once the sessions are over is what was open after the warm-up, give or take
      // the client's 16 keep-alive connections and the upstream pool.
      expect(end.fds - base.fds).toBeLessThanOrEqual(34);
      expect(end.sockets - base.sockets).toBeLessThanOrEqual(34);
      expect(end.rssMb - base.rssMb).toBeLessThan(80);
    },
    FULL ? 1_800_000 : 60_000,
  );
});
