// Translation cost, in-process (no sockets): each step of the proxy's hot path on the Claude
// Code-sized request (~100 KB, a real capture padded with earlier turns) and a ~1 MB one, and the
// SSE → neutral parts → Anthropic SSE path per delta. Median of N runs. Run after `pnpm build`.
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const proxy = await import(new URL('apps/proxy/dist/internal.js', root).href);
const codex = await import(new URL('packages/provider-codex/dist/internal.js', root).href);
const kit = await import(new URL('packages/provider-kit/dist/index.js', root).href);

const capture = JSON.parse(
  readFileSync(new URL('apps/proxy/test/__fixtures__/claude-code-tool-round-trip.json', root), 'utf8'),
);
const filler = 'The quick brown fox reads a file, edits it and runs the tests again. '.repeat(20);
function padded(bytes) {
  const body = structuredClone(capture.requests[1].body);
  const turns = [];
  while (JSON.stringify(body).length + JSON.stringify(turns).length < bytes) {
    turns.push(
      { role: 'user', content: [{ type: 'text', text: filler }] },
      { role: 'assistant', content: [{ type: 'text', text: filler }] },
    );
  }
  body.messages = [...turns, ...body.messages];
  return Buffer.from(JSON.stringify(body));
}

const median = (fn, runs) => {
  const times = [];
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now();
    fn();
    if (i >= 5) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
};
const ms = (v) => `${v.toFixed(3).padStart(8)} ms`;

console.log(`translation: node ${process.version}, medians`);
for (const [label, bytes, runs] of [
  ['~100 KB', 100_000, 200],
  ['~1 MB', 1_000_000, 40],
]) {
  const raw = padded(bytes);
  const json = JSON.parse(raw.toString('utf8'));
  const valid = proxy.validateAnthropicRequest(json);
  const decoded = proxy.decodeAnthropicRequest(valid);
  const request = {
    ...decoded,
    modelId: 'gpt-5.5',
    effort: 'xhigh',
    metadata: { requestId: 'x', sessionId: decoded.sessionId },
  };
  const mapped = codex.mapChatRequest(request, { reasoningSummary: 'auto', promptCacheKey: 'k' });
  const steps = {
    'JSON.parse': () => JSON.parse(raw.toString('utf8')),
    validate: () => proxy.validateAnthropicRequest(json),
    decode: () => proxy.decodeAnthropicRequest(valid),
    'estimate tokens': () => proxy.estimateInputTokens(decoded),
    'map to Responses': () =>
      codex.mapChatRequest(request, { reasoningSummary: 'auto', promptCacheKey: 'k' }),
    'session key': () => codex.codexSessionKey(request),
    'JSON.stringify': () => Buffer.from(JSON.stringify(mapped.body)),
  };
  let total = 0;
  console.log(`${label} request (${(raw.length / 1024).toFixed(0)} KB):`);
  for (const [name, fn] of Object.entries(steps)) {
    const t = median(fn, runs);
    total += t;
    console.log(`  ${name.padEnd(18)} ${ms(t)}`);
  }
  console.log(`  ${'total'.padEnd(18)} ${ms(total)}`);
}

// Stream path: Codex SSE bytes → parts → Anthropic SSE text, per delta.
const deltas = 2000;
let sse = '';
for (let i = 0; i < deltas; i++) {
  sse += `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"tok${i % 10} ","logprobs":[],"sequence_number":${i}}\n\n`;
}
const chunks = sse
  .split('\n\n')
  .filter(Boolean)
  .map((event) => Buffer.from(`${event}\n\n`));
const streamOnce = () => {
  const mapper = new codex.ResponsesStreamMapper({
    toolNames: codex.createToolNameMap([]),
    modelId: 'm',
    accountLabel: 'a',
  });
  const decoder = kit.createSseDecoder();
  const encoder = new proxy.AnthropicStreamEncoder({ messageId: 'msg', model: 'm', estimatedInputTokens: 1 });
  let out = 0;
  for (const chunk of chunks) {
    for (const event of decoder.push(chunk)) mapper.handle(JSON.parse(event.data));
    for (const part of mapper.take()) out += encoder.encode(part).length;
  }
  return out;
};
const t = median(streamOnce, 50);
console.log(
  `stream path, ${deltas} deltas one chunk each: ${ms(t)} total, ${((t / deltas) * 1000).toFixed(2)} µs per delta`,
);
