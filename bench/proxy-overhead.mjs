// Proxy overhead: what the built `ccs proxy` adds to a request, next to a byte-for-byte pipe proxy and
// a peer (claude-code-router), all measured in one interleaved run against one fake Codex upstream.
//
// Processes, as in real use: this one (the client); a fake Codex upstream answering every
// `/backend-api/codex/responses` POST with a canned SSE stream of N `response.output_text.delta`
// events (N read from a marker in the request body, one write per event); the pipe (node:http
// forwarding method, path, headers and body bytes, and the answer untouched); `ccs proxy` itself
// (the built CLI, a real signed-in account in a throwaway CCS_HOME, CCS_CODEX_BASE_URL at the fake
// upstream); and claude-code-router (installed into bench/.peer at bench time, see lib/ccr-peer.mjs).
// The client sends the Claude Code-sized Anthropic request (a real capture padded to ~100 KB, and to
// ~1 MB) to ccs and to the peer, and the exact Responses body ccs produced for it straight to the
// upstream ("direct") or through the pipe. Latency is until the last byte; the paths are interleaved
// per round and each addition is the median of the per-round differences with that round's direct
// request, so drift in machine load cancels out. CPU per request is read from /proc for each process.
// Targets (issue 14) are printed with a pass/fail mark. Run after `pnpm build`:
//   node bench/proxy-overhead.mjs            BENCH_PEER=0 skips the peer
//   BENCH_ONLY="1 delta" | "2000" | "1 MB" | c16    one case;  BENCH_PROFILE=<dir>: CPU profile of ccs
import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { cliBinPath, createSandbox, freePort, loginHeadless } from '../scripts/lib/ccs-harness.mjs';
import { CCR_VERSION, installCcr, startCcr } from './lib/ccr-peer.mjs';
import { cpuMicros, mainThreadMicros } from './lib/proc-cpu.mjs';
import { reportTarget } from './lib/targets.mjs';

const root = new URL('..', import.meta.url);
const role = process.argv[2];
const MARKER = 'ccs-bench-deltas=';
const MODEL = 'gpt-5.5';

// ---------- upstream: canned Codex SSE ----------
function cannedStream(deltas) {
  const response = (status, usage = 'null') =>
    `{"id":"resp_bench","object":"response","created_at":1767225600,"status":"${status}","model":"${MODEL}","output":[],"parallel_tool_calls":true,"reasoning":{"effort":"high","summary":"auto"},"store":false,"tool_choice":"auto","tools":[],"usage":${usage}}`;
  const events = [];
  const push = (type, data) =>
    events.push(`event: ${type}\ndata: {"type":"${type}",${data},"sequence_number":${events.length}}\n\n`);
  push('response.created', `"response":${response('in_progress')}`);
  push('response.in_progress', `"response":${response('in_progress')}`);
  push(
    'response.output_item.added',
    '"output_index":0,"item":{"id":"msg_bench","type":"message","status":"in_progress","content":[],"role":"assistant"}',
  );
  push(
    'response.content_part.added',
    '"item_id":"msg_bench","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}',
  );
  for (let i = 0; i < deltas; i++) {
    push(
      'response.output_text.delta',
      `"item_id":"msg_bench","output_index":0,"content_index":0,"delta":"tok${i % 10} ","logprobs":[]`,
    );
  }
  push(
    'response.output_text.done',
    '"item_id":"msg_bench","output_index":0,"content_index":0,"text":"…","logprobs":[]',
  );
  push(
    'response.content_part.done',
    '"item_id":"msg_bench","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"…"}',
  );
  push(
    'response.output_item.done',
    '"output_index":0,"item":{"id":"msg_bench","type":"message","status":"completed","content":[],"role":"assistant"}',
  );
  push(
    'response.completed',
    `"response":${response(
      'completed',
      '{"input_tokens":25000,"input_tokens_details":{"cached_tokens":20000},"output_tokens":500,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":25500}',
    )}`,
  );
  // One write per event, yielding between them: the backend flushes every event as it is generated.
  return events.map((event) => Buffer.from(event));
}

if (role === 'upstream') {
  const cache = new Map();
  let last; // the last request body, for the client to replay ccs's exact body on the other paths
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url.endsWith('/codex/responses')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not Found"}');
        return;
      }
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      last = body;
      const at = body.indexOf(MARKER);
      const deltas =
        at === -1 ? 1 : Number.parseInt(body.toString('latin1', at + MARKER.length, at + 30), 10);
      if (!cache.has(deltas)) cache.set(deltas, cannedStream(deltas));
      const events = cache.get(deltas);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let i = 0;
      const next = () => {
        if (i === events.length) return res.end();
        res.write(events[i++]);
        setImmediate(next);
      };
      next();
    });
  });
  server.keepAliveTimeout = 60_000;
  process.on('message', (message) => {
    if (message === 'last') process.send({ last: last?.toString('base64') });
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

// ---------- the pipe: forwards method, path, headers and body bytes, and the answer untouched ----------
if (role === 'pipe') {
  const upstreamPort = Number(process.argv[3]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const pipe = http.createServer((req, res) => {
    const up = http.request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (upRes) => {
        res.writeHead(upRes.statusCode, upRes.headers);
        upRes.pipe(res);
      },
    );
    req.pipe(up);
  });
  pipe.keepAliveTimeout = 60_000;
  pipe.listen(0, '127.0.0.1', () => process.send({ port: pipe.address().port }));
}

// ---------- the floor: the work a translating proxy cannot avoid, and nothing else ----------
// The Anthropic body decoded, parsed and read into ccs's neutral request (its own validate + decode), a
// request body of the same content serialised and sent upstream, and for every upstream event its JSON
// parsed and one small JSON event serialised back; on the same node:http stack as the pipe and ccs.
// No routing, accounts, credentials, effort policy, Responses mapping, trace or bookkeeping: what ccs
// spends above this is its own, what is below it any translating proxy pays.
if (role === 'floor') {
  const upstreamPort = Number(process.argv[3]);
  const internal = await import(new URL('../apps/proxy/dist/internal.js', import.meta.url));
  const kit = await import(new URL('../packages/provider-kit/dist/index.js', import.meta.url));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const floor = http.createServer((req, res) => {
    // Decoded chunk by chunk as it arrives, the cheaper way (see readBodyText in apps/proxy).
    const decoder = new StringDecoder('utf8');
    let text = '';
    req.on('data', (chunk) => {
      text += decoder.write(chunk);
    });
    req.on('end', () => {
      const json = JSON.parse(text + decoder.end());
      const decoded = internal.decodeAnthropicRequest(internal.validateAnthropicRequest(json));
      // Serialised the cheaper way too (jsonBytes, as ccs does).
      const body = kit.jsonBytes({
        model: MODEL,
        instructions: decoded.system,
        input: decoded.messages,
        tools: decoded.tools,
        stream: true,
        store: false,
      });
      const up = http.request(
        {
          host: '127.0.0.1',
          port: upstreamPort,
          method: 'POST',
          path: '/backend-api/codex/responses',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
          agent,
        },
        (upRes) => {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          const decoder = kit.createSseDecoder();
          const forward = (events) => {
            for (const event of events) {
              const data = JSON.parse(event.data);
              res.write(
                `event: ${data.type}\ndata: ${JSON.stringify({ type: data.type, index: 0, delta: { type: 'text_delta', text: data.delta ?? '' } })}\n\n`,
              );
            }
          };
          upRes.on('data', (chunk) => forward(decoder.push(chunk)));
          upRes.on('end', () => {
            forward(decoder.end());
            res.end();
          });
        },
      );
      up.end(body);
    });
  });
  floor.keepAliveTimeout = 60_000;
  process.on('SIGINT', () => process.exit(0)); // exits normally, so --cpu-prof writes its profile
  floor.listen(0, '127.0.0.1', () => process.send({ port: floor.address().port }));
}

// ---------- client ----------
if (!role) {
  const testkit = fileURLToPath(new URL('packages/testkit/dist/index.js', root));
  for (const file of [cliBinPath, testkit]) {
    if (!existsSync(file)) {
      console.error(`proxy-overhead: ${file} is missing; run "pnpm build" first.`);
      process.exit(1);
    }
  }
  const cleanups = [];
  process.on('exit', () => {
    for (const cleanup of cleanups.reverse()) cleanup();
  });
  const forked = (args, execArgv = []) =>
    new Promise((resolve) => {
      const child = fork(fileURLToPath(import.meta.url), args, { execArgv });
      cleanups.push(() => child.exitCode === null && child.kill());
      child.once('message', (message) => resolve({ child, port: message.port }));
    });
  const upstream = await forked(['upstream']);
  const pipe = await forked(['pipe', String(upstream.port)]);
  // BENCH_PROFILE profiles the floor too, so the two profiles can be compared function by function.
  const floor = await forked(
    ['floor', String(upstream.port)],
    process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}/floor`] : [],
  );

  // A real account, signed in against the emulator (whose issuer would also serve a token refresh).
  const { startEmulator } = await import(testkit);
  const emu = await startEmulator({ port: 0 });
  const sandbox = await createSandbox({
    issuer: emu.issuer,
    baseUrl: emu.baseUrl,
    claudePath: '',
    prefix: 'ccs-bench-proxy-',
  });
  cleanups.push(() => sandbox.cleanup());
  emu.control.addAccount({ email: 'bench@example.com', plan: 'pro' });
  emu.control.setAuthorizeBehavior({ email: 'bench@example.com' });
  const login = await loginHeadless({ env: sandbox.env, cwd: sandbox.projectDir });
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  const env = { ...sandbox.env, CCS_CODEX_BASE_URL: `http://127.0.0.1:${upstream.port}/backend-api` };
  const printed = spawnSync(process.execPath, [cliBinPath, 'env', 'codex'], { env, encoding: 'utf8' });
  const apiKey = /ANTHROPIC_AUTH_TOKEN='?([^'\n]+)/.exec(printed.stdout)?.[1];
  if (!apiKey) throw new Error(`ccs env codex printed no key: ${printed.stderr}`);

  // `ccs proxy`, the built CLI. BENCH_PROFILE=<dir> writes its CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const ccsChild = spawn(
    process.execPath,
    [...profile, cliBinPath, 'proxy', '--port', String(await freePort())],
    {
      env,
      cwd: sandbox.projectDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  cleanups.push(() => ccsChild.exitCode === null && ccsChild.kill('SIGKILL'));
  const ccsUrl = await new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    ccsChild.stderr.on('data', (d) => {
      err += d;
    });
    ccsChild.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(new URL(line.trim()));
    });
    ccsChild.once('exit', (code) => reject(new Error(`ccs proxy exited ${code}: ${err}`)));
  });
  const ccsPort = Number(ccsUrl.port);

  // The peer. Installed at bench time; when that is impossible the run says why and goes on without it.
  let peer;
  let peerSkipped = process.env.BENCH_PEER === '0' ? 'BENCH_PEER=0' : installCcr();
  if (!peerSkipped) {
    try {
      const port = await freePort();
      peer = {
        ...(await startCcr({
          upstreamUrl: `http://127.0.0.1:${upstream.port}/backend-api/codex/responses`,
          port,
          apiKey: 'bench-peer-key',
        })),
        port,
      };
      cleanups.push(() => peer.stop());
    } catch (error) {
      peerSkipped = error.message;
    }
  }

  // The Claude Code-sized request: a real capture, padded with earlier turns to ~100 KB (and ~1 MB).
  const capture = JSON.parse(
    readFileSync(new URL('apps/proxy/test/__fixtures__/claude-code-tool-round-trip.json', root), 'utf8'),
  );
  const filler = 'The quick brown fox reads a file, edits it and runs the tests again. '.repeat(20);
  const anthropicBody = (bytes, deltas) => {
    const body = structuredClone(capture.requests[1].body);
    body.model = 'claude-opus-4-8';
    const turns = [];
    while (JSON.stringify(body).length + JSON.stringify(turns).length < bytes) {
      turns.push(
        { role: 'user', content: [{ type: 'text', text: filler }] },
        { role: 'assistant', content: [{ type: 'text', text: filler }] },
      );
    }
    // The marker tells the fake upstream how long a stream to answer with; it survives any translation.
    turns[0].content[0].text = `${MARKER}${String(deltas).padStart(5, '0')} ${filler}`;
    body.messages = [...turns, ...body.messages];
    return Buffer.from(JSON.stringify(body));
  };

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  cleanups.push(() => agent.destroy());
  function send(port, path, body, headers) {
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path,
          agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
        },
        (res) => {
          let bytes = 0;
          res.on('data', (chunk) => {
            bytes += chunk.length;
          });
          res.on('end', () =>
            res.statusCode === 200 && bytes > 0
              ? resolve(performance.now() - t0)
              : reject(new Error(`status ${res.statusCode} from port ${port}${path}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  const lastUpstreamBody = () =>
    new Promise((resolve) => {
      upstream.child.once('message', (m) => resolve(Buffer.from(m.last, 'base64')));
      upstream.child.send('last');
    });
  const RESPONSES = '/backend-api/codex/responses';
  /** The four paths for one request: ccs's own upstream body is what direct and the pipe send. */
  async function pathsFor(bytes, deltas) {
    const anthropic = anthropicBody(bytes, deltas);
    const toCcs = () => send(ccsPort, '/v1/messages?beta=true', anthropic, { 'x-api-key': apiKey });
    await toCcs();
    const codex = await lastUpstreamBody();
    const paths = {
      direct: () => send(upstream.port, RESPONSES, codex, {}),
      pipe: () => send(pipe.port, RESPONSES, codex, {}),
      floor: () => send(floor.port, '/v1/messages', anthropic, {}),
      ccs: toCcs,
    };
    if (peer)
      paths.peer = () => send(peer.port, '/v1/messages', anthropic, { 'x-api-key': 'bench-peer-key' });
    return { paths, anthropic, codex };
  }

  const pct = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  };
  const f = (ms) => `${ms >= 0 ? '+' : ''}${ms.toFixed(2)} ms`.padStart(10);
  const load = () =>
    loadavg()
      .map((v) => v.toFixed(2))
      .join(' ');

  const cases = [
    { name: '1 delta', bytes: 100_000, deltas: 1, rounds: 80 },
    { name: '200 deltas', bytes: 100_000, deltas: 200, rounds: 60 },
    { name: '2000 deltas', bytes: 100_000, deltas: 2000, rounds: 60 },
    { name: '1 MB request', bytes: 1_000_000, deltas: 200, rounds: 30 },
  ];
  for (const c of cases) Object.assign(c, await pathsFor(c.bytes, c.deltas));
  const only = process.env.BENCH_ONLY;
  const selected = cases.filter((c) => !only || c.name.startsWith(only));

  console.log(
    `proxy-overhead: node ${process.version}, ${new Date().toISOString()}, load average ${load()}; ` +
      `request ${(cases[0].anthropic.length / 1024).toFixed(0)} KB Anthropic → ${(cases[0].codex.length / 1024).toFixed(0)} KB Responses; ` +
      `1 MB case ${(cases[3].anthropic.length / 1048576).toFixed(2)} MB`,
  );
  console.log(
    peer
      ? `peer: claude-code-router ${CCR_VERSION} (npm, in bench/.peer), openai-responses transformer, logging off`
      : `peer: claude-code-router ${CCR_VERSION} not measured: ${peerSkipped}`,
  );
  console.log(
    'latency until the last byte, concurrency 1, paths interleaved per round; "adds" = median of per-round (path − direct)',
  );
  const results = {};
  for (const c of selected) {
    const names = Object.keys(c.paths);
    const samples = Object.fromEntries(names.map((k) => [k, []]));
    for (let i = 0; i < 3; i++) for (const k of names) await c.paths[k]();
    const rounds = c.rounds;
    for (let i = 0; i < rounds; i++) for (const k of names) samples[k].push(await c.paths[k]());
    const adds = (k) => samples[k].map((v, i) => v - samples.direct[i]);
    const r = { direct: pct(samples.direct, 50) };
    for (const k of names.filter((n) => n !== 'direct')) r[k] = pct(adds(k), 50);
    results[c.name] = r;
    console.log(
      `${c.name.padEnd(13)} direct p50 ${f(r.direct).trim().slice(1).padStart(9)} | adds p50: pipe ${f(r.pipe)}  floor ${f(r.floor)}  ccs ${f(r.ccs)}` +
        (peer ? `  peer ${f(r.peer)}` : '') +
        ` | p95 adds: pipe ${f(pct(adds('pipe'), 95))}  ccs ${f(pct(adds('ccs'), 95))}`,
    );
  }

  // CPU per request of each proxy process: what the machine's other load distorts least.
  const cpuOf = {
    pipe: pipe.child.pid,
    floor: floor.child.pid,
    ccs: ccsChild.pid,
    ...(peer ? { peer: peer.child.pid } : {}),
  };
  const cpuCases = [
    { name: '1 delta', count: 300, peerCount: 30 },
    { name: '2000 deltas', count: 60, peerCount: 15 },
    { name: '1 MB request', count: 40, peerCount: 8 },
  ].filter((c) => !only || c.name.startsWith(only));
  const cpu = {};
  if (cpuCases.length) console.log('CPU time per request of each proxy process (sequential, from /proc)');
  for (const cc of cpuCases) {
    const c = cases.find((x) => x.name === cc.name);
    const per = {};
    for (const k of Object.keys(cpuOf)) {
      const count = k === 'peer' ? cc.peerCount : cc.count;
      const before = cpuMicros(cpuOf[k]);
      const mainBefore = mainThreadMicros(cpuOf[k]);
      for (let i = 0; i < count; i++) await c.paths[k]();
      per[k] = (cpuMicros(cpuOf[k]) - before) / count / 1000;
      per[`${k}Main`] = (mainThreadMicros(cpuOf[k]) - mainBefore) / count / 1000;
    }
    cpu[cc.name] = per;
    const main = (k) => `${per[`${k}Main`].toFixed(2)}`;
    console.log(
      `${cc.name.padEnd(13)} pipe ${per.pipe.toFixed(2).padStart(7)} ms  floor ${per.floor.toFixed(2).padStart(6)} ms (${(per.floor / per.pipe).toFixed(2)}x pipe)  ccs ${per.ccs.toFixed(2).padStart(7)} ms (${(per.ccs / per.pipe).toFixed(2)}x pipe, ${(per.ccs / per.floor).toFixed(2)}x floor)` +
        (peer ? `  peer ${per.peer.toFixed(2).padStart(7)} ms` : '') +
        ` | main thread: pipe ${main('pipe')}, floor ${main('floor')}, ccs ${main('ccs')} ms`,
    );
  }

  let rps;
  if (!only || only === 'c16') {
    console.log('throughput at concurrency 16 (200 deltas, ~100 KB request)');
    const c = cases.find((x) => x.name === '200 deltas');
    const throughput = async (fn, total) => {
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next++ < total) await fn();
        }),
      );
      return (total / (performance.now() - t0)) * 1000;
    };
    for (const k of Object.keys(c.paths)) await throughput(c.paths[k], k === 'peer' ? 32 : 64);
    rps = {};
    for (const k of Object.keys(c.paths)) rps[k] = await throughput(c.paths[k], k === 'peer' ? 160 : 480);
    if (process.env.BENCH_PROFILE && only === 'c16') await throughput(c.paths.ccs, 960);
    console.log(
      `req/s: direct ${rps.direct.toFixed(0)}, pipe ${rps.pipe.toFixed(0)}, floor ${rps.floor.toFixed(0)} (${(rps.floor / rps.pipe).toFixed(2)}x pipe), ccs ${rps.ccs.toFixed(0)} (${(rps.ccs / rps.pipe).toFixed(2)}x pipe)` +
        (peer ? `, peer ${rps.peer.toFixed(0)} (${(rps.peer / rps.pipe).toFixed(2)}x pipe)` : ''),
    );
  }

  let rssGrowth;
  if (!only) {
    const rss = () =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${ccsChild.pid}/status`, 'utf8'))[1]) / 1024;
    const c = cases.find((x) => x.name === '200 deltas');
    const marks = [];
    for (let i = 0; i <= 1000; i++) {
      if (i % 250 === 0) marks.push(rss());
      if (i < 1000) await c.paths.ccs();
    }
    rssGrowth = marks.at(-1) - marks[1];
    console.log(
      `memory (rss) of ccs over 1000 sequential requests: ${marks.map((m, i) => `${i * 250}: ${m.toFixed(0)} MB`).join(', ')}`,
    );
  }

  console.log(`load average at the end ${load()}`);
  const r1 = results['1 delta'];
  if (r1 && cpu['1 delta']) {
    reportTarget(
      '~100 KB, 1 delta: ccs adds (p50)',
      `${r1.ccs.toFixed(2)} ms vs pipe ${r1.pipe.toFixed(2)} ms (the floor adds ${r1.floor.toFixed(2)} ms)`,
      `≤ pipe + 1.0 = ${(r1.pipe + 1).toFixed(2)} ms`,
      r1.ccs <= r1.pipe + 1,
    );
    const ratio = cpu['1 delta'].ccs / cpu['1 delta'].pipe;
    reportTarget(
      '~100 KB, 1 delta: ccs CPU per request',
      `${ratio.toFixed(2)}x the pipe's (the floor ${(cpu['1 delta'].floor / cpu['1 delta'].pipe).toFixed(2)}x)`,
      '≤ 2x',
      ratio <= 2,
    );
  }
  if (cpu['2000 deltas']) {
    const ratio = cpu['2000 deltas'].ccs / cpu['2000 deltas'].pipe;
    reportTarget(
      '2000 deltas: ccs CPU per request',
      `${ratio.toFixed(2)}x the pipe's (the floor ${(cpu['2000 deltas'].floor / cpu['2000 deltas'].pipe).toFixed(2)}x)`,
      '≤ 1.5x',
      ratio <= 1.5,
    );
  }
  const r1m = results['1 MB request'];
  if (r1m)
    reportTarget(
      '~1 MB request: ccs adds (p50)',
      `${r1m.ccs.toFixed(2)} ms (the floor adds ${r1m.floor.toFixed(2)} ms)`,
      '≤ 6 ms',
      r1m.ccs <= 6,
    );
  if (rps) {
    const ratio = rps.ccs / rps.pipe;
    reportTarget(
      'concurrency 16, 200 deltas: ccs req/s',
      `${ratio.toFixed(2)}x the pipe's (the floor ${(rps.floor / rps.pipe).toFixed(2)}x)`,
      '≥ 0.6x',
      ratio >= 0.6,
    );
  }
  if (rssGrowth !== undefined)
    reportTarget(
      'memory flat: ccs rss growth, requests 250 → 1000',
      `${rssGrowth.toFixed(1)} MB`,
      '< 10 MB',
      rssGrowth < 10,
    );

  // Stop ccs and the floor with SIGINT so their CPU profiles are written.
  for (const child of [ccsChild, floor.child]) {
    if (child.exitCode !== null) continue;
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  await emu.close();
  process.exit(0);
}
