#!/usr/bin/env node
// Captures what the real Claude Code CLI sends to an Anthropic-compatible endpoint, so the proxy can be built and
// tested against real request shapes instead of guesses. It runs two scenarios against a fake Anthropic API on
// 127.0.0.1 (no network) and writes the recorded requests to tests/e2e/fixtures/claude-code-requests/*.json.
//
//   node tests/e2e/scripts/capture-claude-requests.mjs            # both scenarios
//   node tests/e2e/scripts/capture-claude-requests.mjs text       # one scenario
//
// Secrets: Claude Code only ever sees the dummy token "test"; auth headers are masked anyway before saving.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const e2eRoot = resolve(here, '..');
const claudePath =
  process.env.CCS_CLAUDE_PATH ?? join(e2eRoot, 'node_modules/@anthropic-ai/claude-code/bin/claude.exe');
const outDir = join(e2eRoot, 'fixtures/claude-code-requests');
const MODEL = 'gpt-5-codex';
const CLAUDE_VERSION = '2.1.332';
const RUN_TIMEOUT_MS = 90_000;
const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'proxy-authorization']);

function maskHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? '<masked>' : v;
  return out;
}

function sse(res, events) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const e of events) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  res.end();
}

function messageStart(id) {
  return {
    type: 'message_start',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model: MODEL,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 1 },
    },
  };
}

function textEvents(id, text) {
  return [
    messageStart(id),
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
    { type: 'content_block_stop', index: 0 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 5 },
    },
    { type: 'message_stop' },
  ];
}

// A fake Codex-style reasoning blob (the shape a proxy would pass through as the thinking signature).
const FAKE_SIGNATURE = 'gAAAAABcapturefakeencryptedreasoningcontent0000000000000000000000000000==';

function thinkingEvents(index) {
  return [
    { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } },
    {
      type: 'content_block_delta',
      index,
      delta: { type: 'thinking_delta', thinking: 'Planning the file write.' },
    },
    { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: FAKE_SIGNATURE } },
    { type: 'content_block_stop', index },
  ];
}

function toolUseEvents(id, name, input, { thinking = false } = {}) {
  const o = thinking ? 1 : 0;
  return [
    messageStart(id),
    ...(thinking ? thinkingEvents(0) : []),
    { type: 'content_block_start', index: o, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: o, delta: { type: 'text_delta', text: 'Writing the file.' } },
    { type: 'content_block_stop', index: o },
    {
      type: 'content_block_start',
      index: o + 1,
      content_block: { type: 'tool_use', id: 'toolu_capture_0001', name, input: {} },
    },
    {
      type: 'content_block_delta',
      index: o + 1,
      delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) },
    },
    { type: 'content_block_stop', index: o + 1 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 20 },
    },
    { type: 'message_stop' },
  ];
}

function nonStreamText(id, text) {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: MODEL,
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 5 },
  };
}

/** Does the last user message carry a tool_result (i.e. this is the turn after a tool call)? */
function isAfterToolResult(body) {
  const last = body?.messages?.at(-1);
  return Array.isArray(last?.content) && last.content.some((b) => b?.type === 'tool_result');
}

function hasTool(body, name) {
  return Array.isArray(body?.tools) && body.tools.some((t) => t?.name === name);
}

async function runScenario(name, { prompt, extraArgs, respond, env: extraEnv = {} }) {
  const records = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = { unparsed: raw.slice(0, 2000) };
      }
      const record = {
        seq: records.length,
        method: req.method,
        url: req.url,
        headers: maskHeaders(req.headers),
        body,
      };
      records.push(record);
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ input_tokens: 42 }));
        return;
      }
      if (req.method === 'POST' && path === '/v1/messages') {
        n += 1;
        const id = `msg_capture_${String(n).padStart(4, '0')}`;
        const reply = respond(body, id);
        record.replied = reply.kind;
        if (body?.stream) sse(res, reply.events);
        else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(nonStreamText(id, reply.text ?? 'ok')));
        }
        return;
      }
      // HEAD / (connectivity probe) and anything else: a plain 200 so Claude Code carries on.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.method === 'HEAD' ? undefined : '{}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  const home = mkdtempSync(join(tmpdir(), 'ccs-capture-home-'));
  const cwd = mkdtempSync(join(tmpdir(), 'ccs-capture-cwd-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    TERM: 'dumb',
    ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`,
    ANTHROPIC_AUTH_TOKEN: 'test',
    ANTHROPIC_MODEL: MODEL,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    IS_SANDBOX: '1',
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const args = ['-p', prompt, ...extraArgs];
  const result = await new Promise((resolveRun) => {
    const child = spawn(claudePath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, RUN_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr });
    });
  });
  server.close();
  const files = {};
  if (name.includes('round-trip')) {
    try {
      files['hello.txt'] = readFileSync(join(cwd, 'hello.txt'), 'utf8');
    } catch {
      files['hello.txt'] = null;
    }
  }
  rmSync(home, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });
  // The temp dirs differ each run; replace them so fixtures are stable and carry no machine paths.
  const scrub = (s) => s.split(cwd).join('<CWD>').split(home).join('<HOME>');
  const scrubbed = JSON.parse(scrub(JSON.stringify(records)));
  return {
    records: scrubbed,
    result: { ...result, stdout: scrub(result.stdout), stderr: scrub(result.stderr) },
    files,
  };
}

const scenarios = {
  text: {
    prompt: 'say hi',
    extraArgs: [],
    respond: (_body, _id) => ({ kind: 'text', text: 'Hi!', events: textEvents(_id, 'Hi!') }),
  },
  'tool-round-trip': {
    prompt: 'Create a file hello.txt containing the word hi',
    extraArgs: ['--dangerously-skip-permissions'],
    respond: (body, id) => writeToolReply(body, id, {}),
  },
  // The first reply starts with a thinking block carrying a signature: does Claude Code send it back next turn?
  'thinking-round-trip': {
    prompt: 'Create a file hello.txt containing the word hi',
    extraArgs: ['--dangerously-skip-permissions'],
    respond: (body, id) => writeToolReply(body, id, { thinking: true }),
  },
  // Without CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: which background calls (title, quota, haiku…) appear?
  'background-traffic': {
    prompt: 'say hi',
    extraArgs: [],
    env: { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: undefined },
    respond: (_body, id) => ({ kind: 'text', text: 'Hi!', events: textEvents(id, 'Hi!') }),
  },
};

function writeToolReply(body, id, { thinking }) {
  if (hasTool(body, 'Write') && !isAfterToolResult(body)) {
    // file_path must be absolute for Claude Code's Write tool; Claude Code tells the model its cwd in a
    // role:"system" message ("Primary working directory: …").
    const m = JSON.stringify(body).match(/Primary working directory: ([^\\"]+?)\\n/);
    const dir = m ? m[1].trim() : process.cwd();
    return {
      kind: 'tool_use',
      events: toolUseEvents(id, 'Write', { file_path: `${dir}/hello.txt`, content: 'hi\n' }, { thinking }),
    };
  }
  return { kind: 'text', text: 'Done.', events: textEvents(id, 'Done.') };
}

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(scenarios);
mkdirSync(outDir, { recursive: true });
for (const name of names) {
  const scenario = scenarios[name];
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  const { records, result, files } = await runScenario(name, scenario);
  const file = join(outDir, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ claudeVersion: CLAUDE_VERSION, scenario: name, argv: ['-p', scenario.prompt, ...scenario.extraArgs], model: MODEL, result, files, requests: records }, null, 2)}\n`,
  );
  console.log(
    `${name}: exit=${result.code} requests=${records.length} (${records.map((r) => `${r.method} ${r.url}${r.replied ? `→${r.replied}` : ''}`).join(', ')})`,
  );
  console.log(`  stdout: ${result.stdout.trim().slice(0, 200)}`);
  if (result.stderr.trim()) console.log(`  stderr: ${result.stderr.trim().slice(0, 400)}`);
}
