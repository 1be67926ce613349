// Proxy overhead: what the ccs proxy adds to a request, compared with a byte-for-byte pipe proxy
// (node:http forwarding bytes, below) and with going straight to the upstream. Loopback only.
//
// Three processes, like real use: this one (the client), an upstream that answers with a canned
// Codex SSE stream of N deltas (so upstream time is identical on every path), and one holding the
// pipe proxy and the ccs proxy (built dist). The client sends the Claude Code-sized Anthropic
// request (~100 KB, from a real capture, padded) to the ccs proxy, and the equivalent Codex
// Responses body straight to the upstream or through the pipe. Latency = until the last byte.
// Targets (issue 5): 2000-delta p50 overhead <= 2x the pipe's; 1 MB request < 10 ms p50;
// concurrency 16 >= 1/2 the pipe's req/s; memory flat over 1000 sequential requests.
// Run after `pnpm build`: node bench/proxy-overhead.mjs
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const dist = (path) => new URL(path, root).href;
const role = process.argv[2];

// ---------- upstream: canned Codex SSE ----------
function cannedStream(deltas) {
  const response = (status, extra = '') =>
    `{"id":"resp_bench","object":"response","created_at":1767225600,"status":"${status}","model":"gpt-5.4","output":[],"parallel_tool_calls":true,"reasoning":{"effort":"high","summary":"auto"},"store":false,"tool_choice":"auto","tools":[],"usage":null${extra}}`;
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
    `"response":${response('completed', ',"usage2":null')}`.replace(
      '"usage":null,"usage2":null',
      '"usage":{"input_tokens":25000,"input_tokens_details":{"cached_tokens":20000},"output_tokens":500,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":25500}',
    ),
  );
  // One write per event, yielding between them: the backend flushes every event as it is generated.
  return events.map((event) => Buffer.from(event));
}

if (role === 'upstream') {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      const deltas = Number(/\/d(\d+)\//.exec(req.url)?.[1] ?? 1);
      if (!cache.has(deltas)) cache.set(deltas, cannedStream(deltas));
      const groups = cache.get(deltas);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let i = 0;
      const next = () => {
        if (i === groups.length) return res.end();
        res.write(groups[i++]);
        setImmediate(next);
      };
      next();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

// ---------- servers: the pipe proxy and the ccs proxy ----------
if (role === 'servers') {
  const upstreamPort = Number(process.argv[3]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  // The pipe: forwards method, path, headers and body bytes, and streams the answer back untouched.
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
  await new Promise((resolve) => pipe.listen(0, '127.0.0.1', resolve));

  const { startProxy } = await import(dist('apps/proxy/dist/index.js'));
  const codex = await import(dist('packages/provider-codex/dist/index.js'));
  const account = {
    id: 'bench',
    providerId: 'codex',
    nickname: 'bench',
    plan: 'pro',
    isDefault: true,
    createdAt: '2026-01-01T00:00:00Z',
  };
  const credentials = {
    getCredentials: async () => ({ accessToken: 'bench-token', chatgptAccountId: 'acct' }),
  };
  const proxies = {};
  for (const deltas of [1, 200, 2000]) {
    const options = codex.codexOptionsSchema.parse({
      baseUrl: `http://127.0.0.1:${upstreamPort}/d${deltas}/backend-api`,
    });
    const catalog = codex.createCodexModelCatalog({ options });
    const provider = {
      specificationVersion: 'v1',
      id: 'codex',
      displayName: 'OpenAI Codex',
      authStrategies: [],
      accounts: {
        list: async () => [account],
        getDefault: async () => account,
        resolve: async () => account,
      },
      modelCatalog: catalog,
      effortPolicy: codex.createCodexEffortPolicy(catalog),
      chatModel: (modelId, acct) =>
        codex.createCodexChatModel({ modelId, account: acct, credentials, options }),
    };
    const proxy = await startProxy({
      providers: new Map([['codex', provider]]),
      apiKey: 'bench-key',
      models: { default: 'gpt-5.4', opus: 'gpt-5.4', sonnet: 'gpt-5.4', haiku: 'gpt-5-codex-mini' },
    });
    proxies[deltas] = proxy.port;
  }
  process.on('SIGINT', () => process.exit(0));
  process.on('message', (message) => {
    if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (message === 'memory') {
      globalThis.gc?.();
      globalThis.gc?.();
      process.send({ memory: process.memoryUsage() });
    }
  });
  process.send({ pipe: pipe.address().port, proxies });
}

// ---------- client ----------
if (!role) {
  const started = (args, execArgv = []) =>
    new Promise((resolve) => {
      const child = fork(fileURLToPath(import.meta.url), args, { execArgv });
      child.once('message', (message) => resolve({ child, message }));
    });
  let servers;
  const upstream = await started(['upstream']);
  // The forked servers never outlive this script, even when it fails.
  process.on('exit', () => {
    if (!upstream.child.killed) upstream.child.kill();
    if (servers && !servers.child.killed) servers.child.kill();
  });
  // BENCH_PROFILE=<dir> writes a CPU profile of the proxy process there (for investigating).
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  servers = await started(['servers', String(upstream.message.port)], ['--expose-gc', ...profile]);
  const { pipe, proxies } = servers.message;
  const upstreamPort = upstream.message.port;

  // The Claude Code-sized request: a real capture, padded with earlier turns to ~100 KB (and ~1 MB).
  const capture = JSON.parse(
    readFileSync(new URL('apps/proxy/test/__fixtures__/claude-code-tool-round-trip.json', root), 'utf8'),
  );
  const base = capture.requests[1].body;
  const filler = 'The quick brown fox reads a file, edits it and runs the tests again. '.repeat(20);
  const padded = (bytes) => {
    const body = structuredClone(base);
    body.model = 'claude-opus-4-8';
    const turns = [];
    while (JSON.stringify(body).length + JSON.stringify(turns).length < bytes) {
      turns.push(
        { role: 'user', content: [{ type: 'text', text: filler }] },
        { role: 'assistant', content: [{ type: 'text', text: filler }] },
      );
    }
    body.messages = [...turns, ...body.messages];
    return body;
  };
  const { decodeAnthropicRequest, anthropicRequestSchema } = await import(dist('apps/proxy/dist/index.js'));
  const { mapChatRequest } = await import(dist('packages/provider-codex/dist/index.js'));
  const bodies = (bytes) => {
    const anthropic = padded(bytes);
    const decoded = decodeAnthropicRequest(anthropicRequestSchema.parse(anthropic));
    const codexBody = mapChatRequest(
      {
        ...decoded,
        modelId: 'gpt-5.4',
        effort: 'xhigh',
        metadata: { requestId: 'x', sessionId: decoded.sessionId },
      },
      { reasoningSummary: 'auto', promptCacheKey: 'bench' },
    ).body;
    return {
      anthropic: Buffer.from(JSON.stringify(anthropic)),
      codex: Buffer.from(JSON.stringify(codexBody)),
    };
  };
  const body100k = bodies(100_000);
  const body1m = bodies(1_000_000);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
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
          res.on('data', () => {});
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(performance.now() - t0)
              : reject(new Error(`status ${res.statusCode} on port ${port}${path}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  const paths = (deltas, bodySet) => ({
    direct: () => send(upstreamPort, `/d${deltas}/backend-api/codex/responses`, bodySet.codex, {}),
    pipe: () => send(pipe, `/d${deltas}/backend-api/codex/responses`, bodySet.codex, {}),
    proxy: () =>
      send(proxies[deltas], '/v1/messages?beta=true', bodySet.anthropic, { 'x-api-key': 'bench-key' }),
  });
  const pct = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  };
  const f = (ms) => `${ms.toFixed(2).padStart(7)} ms`;

  console.log(
    `proxy-overhead: node ${process.version}, request ${(body100k.anthropic.length / 1024).toFixed(0)} KB (Anthropic) / ${(body100k.codex.length / 1024).toFixed(0)} KB (Codex); 1 MB case ${(body1m.anthropic.length / 1048576).toFixed(2)} MB`,
  );
  console.log('latency until the last byte, concurrency 1, paths interleaved per round');
  const results = {};
  // BENCH_ONLY=2000 runs just that latency case (for profiling).
  const only = process.env.BENCH_ONLY;
  for (const [name, deltas, bodySet, rounds] of [
    ['1 delta', 1, body100k, 80],
    ['200 deltas', 200, body100k, 80],
    ['2000 deltas', 2000, body100k, 80],
    ['1 MB request', 200, body1m, 40],
  ].filter(([name]) => !only || name.startsWith(only))) {
    const run = paths(deltas, bodySet);
    const samples = { direct: [], pipe: [], proxy: [] };
    for (let i = 0; i < 5; i++) for (const k of Object.keys(samples)) await run[k]();
    for (let i = 0; i < rounds; i++) for (const k of Object.keys(samples)) samples[k].push(await run[k]());
    const p50 = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, pct(v, 50)]));
    const p95 = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, pct(v, 95)]));
    // Overhead per round, paired with that round's direct request (drift in machine load cancels out).
    const adds = (k) => samples[k].map((v, i) => v - samples.direct[i]);
    const pipeAdds = pct(adds('pipe'), 50);
    const proxyAdds = pct(adds('proxy'), 50);
    results[name] = { pipeAdds, proxyAdds };
    console.log(
      `${name.padEnd(13)} p50 direct ${f(p50.direct)} pipe ${f(p50.pipe)} proxy ${f(p50.proxy)} | p95 direct ${f(p95.direct)} pipe ${f(p95.pipe)} proxy ${f(p95.proxy)}`,
    );
    console.log(
      `${''.padEnd(13)} adds (paired) p50: pipe ${f(pipeAdds)} proxy ${f(proxyAdds)} = ${(proxyAdds / Math.max(pipeAdds, 0.01)).toFixed(2)}x pipe; p95: pipe ${f(pct(adds('pipe'), 95))} proxy ${f(pct(adds('proxy'), 95))}`,
    );
  }

  if (only && only !== 'c16') {
    upstream.child.kill();
    servers.child.kill('SIGINT');
    agent.destroy();
    process.exit(0);
  }
  // CPU time of the proxy process per request: insensitive to other load on the machine.
  const cpu = () =>
    new Promise((resolve) => {
      const onMessage = (m) => {
        if (!m.cpu) return;
        servers.child.off('message', onMessage);
        resolve(m.cpu.user + m.cpu.system);
      };
      servers.child.on('message', onMessage);
      servers.child.send('cpu');
    });
  console.log(
    'CPU time of the proxy process per request (sequential, µs; the pipe lives in the same process)',
  );
  const cpuRatio = {};
  for (const [name, deltas, bodySet, count] of [
    ['1 delta', 1, body100k, 200],
    ['2000 deltas', 2000, body100k, 60],
    ['1 MB request', 200, body1m, 40],
  ]) {
    const run = paths(deltas, bodySet);
    const per = {};
    for (const k of ['pipe', 'proxy']) {
      const before = await cpu();
      for (let i = 0; i < count; i++) await run[k]();
      per[k] = ((await cpu()) - before) / count;
    }
    cpuRatio[name] = per.proxy / per.pipe;
    console.log(
      `${name.padEnd(13)} pipe ${per.pipe.toFixed(0).padStart(6)} µs, proxy ${per.proxy.toFixed(0).padStart(6)} µs (${(per.proxy / per.pipe).toFixed(2)}x)`,
    );
  }

  console.log('throughput at concurrency 16 (200 deltas, ~100 KB request)');
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
  const run200 = paths(200, body100k);
  await throughput(run200.pipe, 64);
  await throughput(run200.proxy, 64);
  const rps = {
    direct: await throughput(run200.direct, 480),
    pipe: await throughput(run200.pipe, 480),
    proxy: await throughput(run200.proxy, 480),
  };
  console.log(
    `req/s: direct ${rps.direct.toFixed(0)}, pipe ${rps.pipe.toFixed(0)}, proxy ${rps.proxy.toFixed(0)} (${(rps.proxy / rps.pipe).toFixed(2)}x pipe)`,
  );
  if (only === 'c16') {
    if (process.env.BENCH_PROFILE) await throughput(run200.proxy, 960);
    upstream.child.kill();
    servers.child.kill('SIGINT');
    agent.destroy();
    process.exit(0);
  }

  console.log('memory of the proxy process over 1000 sequential requests (200 deltas, heap after GC)');
  const memory = () =>
    new Promise((resolve) => {
      servers.child.once('message', (m) => resolve(m.memory));
      servers.child.send('memory');
    });
  const heap = [];
  for (let i = 0; i <= 1000; i++) {
    if (i % 250 === 0) {
      const m = await memory();
      heap.push(m.heapUsed / 1048576);
      console.log(
        `  after ${String(i).padStart(4)} requests: heap ${(m.heapUsed / 1048576).toFixed(1)} MB, rss ${(m.rss / 1048576).toFixed(1)} MB`,
      );
    }
    if (i < 1000) await run200.proxy();
  }
  const growth = heap.at(-1) - heap[1];

  // The pipe's paired addition on a long stream sits at the noise floor and can even be negative
  // (its re-chunking gives the client fewer, larger reads than the direct path). A pass-through proxy
  // cannot cost less than its fixed per-request cost, measured on the 1-delta case, so the reference
  // is whichever of the two is larger; the ratio against a negative number would mean nothing.
  const pipe2000 = results['2000 deltas'].pipeAdds;
  const pipeFloor = results['1 delta'] ? results['1 delta'].pipeAdds : pipe2000;
  const reference2000 = Math.max(pipe2000, pipeFloor, 0.01);
  const ratio2000 = results['2000 deltas'].proxyAdds / reference2000;
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  console.log('targets:');
  console.log(
    `  2000-delta p50 overhead ${results['2000 deltas'].proxyAdds.toFixed(2)} ms vs the pipe's ${pipe2000.toFixed(2)} ms ` +
      `(reference: max of that and the pipe's fixed ${pipeFloor.toFixed(2)} ms) = ${ratio2000.toFixed(2)}x (<= 2x): ${verdict(ratio2000 <= 2)}`,
  );
  // When the pipe's own addition is within noise (it can even be negative: re-chunking helps the
  // client), the CPU each one spends per request is the comparison that still means something.
  console.log(
    `  2000-delta CPU per request ${cpuRatio['2000 deltas'].toFixed(2)}x the pipe's (<= 2x): ${verdict(cpuRatio['2000 deltas'] <= 2)}`,
  );
  console.log(
    `  1 MB request p50 overhead ${results['1 MB request'].proxyAdds.toFixed(2)} ms (< 10 ms): ${verdict(results['1 MB request'].proxyAdds < 10)}`,
  );
  console.log(
    `  concurrency 16: ${(rps.proxy / rps.pipe).toFixed(2)}x the pipe's req/s (>= 0.5): ${verdict(rps.proxy / rps.pipe >= 0.5)}`,
  );
  console.log(
    `  heap growth from request 250 to 1000: ${growth.toFixed(1)} MB (flat = < 5 MB): ${verdict(growth < 5)}`,
  );
  upstream.child.kill();
  servers.child.kill('SIGINT');
  agent.destroy();
}
