// SSE decoder throughput: @ccs/provider-kit's createSseDecoder (what both providers' streams run
// through) vs the cheapest possible baseline (a streaming TextDecoder + split('\n') that only counts
// `data:` lines, with none of the spec's work) over the same bytes, chunked like a network stream. Run
// after `pnpm --filter @ccs/provider-kit build`.
import { createSseDecoder } from '../packages/provider-kit/dist/index.js';

const EVENTS = 2000;
const ROUNDS = 40;

// Responses-API-like stream: mostly small text deltas, a few big events.
function buildStream() {
  let text = 'event: response.created\ndata: {"type":"response.created","response":{"id":"resp_1"}}\n\n';
  for (let i = 0; i < EVENTS - 2; i++) {
    const delta = JSON.stringify({
      type: 'response.output_text.delta',
      item_id: 'msg_0123456789',
      output_index: 0,
      content_index: 0,
      delta: `word${i} é🌍 `,
      sequence_number: i,
    });
    text += `event: response.output_text.delta\ndata: ${delta}\n\n`;
  }
  text += `event: response.completed\ndata: {"type":"response.completed","pad":"${'x'.repeat(4000)}"}\n\n`;
  const bytes = new TextEncoder().encode(text);
  // Deterministic pseudo-random chunk sizes between 1 and 1500 bytes (TCP-ish).
  const chunks = [];
  let seed = 42;
  for (let at = 0; at < bytes.length; ) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const size = 1 + (seed % 1500);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return { chunks, bytes: bytes.length };
}

async function* iterate(chunks) {
  for (const chunk of chunks) yield chunk;
}

async function runDecoder(chunks) {
  const decoder = createSseDecoder();
  let n = 0;
  for await (const chunk of iterate(chunks)) n += decoder.push(chunk).length;
  return n + decoder.end().length;
}

async function runBaseline(chunks) {
  const decoder = new TextDecoder();
  let rest = '';
  let n = 0;
  for await (const chunk of iterate(chunks)) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop();
    for (const line of lines) if (line.startsWith('data:')) n++;
  }
  return n;
}

async function measure(name, fn, chunks) {
  for (let i = 0; i < 5; i++) await fn(chunks); // warm up the JIT
  const times = [];
  let count = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    count = await fn(chunks);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  if (count !== EVENTS) throw new Error(`${name} saw ${count} events, expected ${EVENTS}`);
  return { name, medianMs: median, eventsPerSecond: Math.round((EVENTS / median) * 1000) };
}

const { chunks, bytes } = buildStream();
const baseline = await measure('TextDecoder+split baseline', runBaseline, chunks);
const ours = await measure('createSseDecoder', runDecoder, chunks);
const fmt = (r) =>
  `${r.name.padEnd(28)} ${r.medianMs.toFixed(3).padStart(8)} ms  ${r.eventsPerSecond.toLocaleString('en-US').padStart(12)} events/s`;
console.log(
  `sse-parse: ${EVENTS} events, ${bytes} bytes in ${chunks.length} chunks, median of ${ROUNDS} rounds`,
);
console.log(fmt(baseline));
console.log(fmt(ours));
console.log(
  `ratio createSseDecoder / baseline throughput: ${(ours.eventsPerSecond / baseline.eventsPerSecond).toFixed(2)}`,
);
