// Records raw Codex SSE streams from the @ccs/testkit emulator into *.sse fixtures.
// Run after `pnpm --filter @ccs/testkit build`: node packages/provider-codex/src/responses/__fixtures__/record-streams.mjs [name…]
// (no names: record every scenario).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../../../testkit/dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const emu = await startEmulator({ port: 0 });
emu.control.addAccount({ email: 'rec@example.com', plan: 'pro' });
const { accessToken: token } = emu.control.issueTokens('rec@example.com');
const account = emu.control.accounts()[0];

const LONG = 'mcp__a_very_long_server_name_for_testing__and_an_even_longer_tool_name_that_overflows';
const tools = [
  { type: 'function', name: 'Read', parameters: { type: 'object', properties: { path: { type: 'string' } } }, strict: false },
  { type: 'function', name: 'Bash', parameters: { type: 'object', properties: { command: { type: 'string' } } }, strict: false },
  { type: 'function', name: 'mcp__and_an_even_longer_tool_name_that_overflows', parameters: { type: 'object', properties: {} }, strict: false },
];
const scenarios = {
  text: { text: 'Hello there, friend!', deltaCount: 4, usage: { inputTokens: 1200, cachedTokens: 1000, outputTokens: 7 } },
  'reasoning-text': { reasoning: { summary: ['First I think.', 'Then I answer.'] }, text: 'The answer is 42.' },
  'parallel-tools': {
    reasoning: { summary: ['Two files to read.'] },
    toolCalls: [
      { name: 'Read', arguments: { path: 'a.txt' }, callId: 'call_a' },
      { name: 'Bash', arguments: { command: 'ls -la' }, callId: 'call_b' },
    ],
  },
  'long-tool-name': { toolCalls: [{ name: 'mcp__and_an_even_longer_tool_name_that_overflows', arguments: { q: 1 }, callId: 'call_long' }] },
  'signature-only-reasoning': { reasoning: { summary: [] }, text: 'Done.' },
  'error-event': { text: 'partial', fault: 'error-event', errorCode: 'server_is_overloaded', errorMessage: 'Overloaded' },
  'response-failed': { fault: 'response-failed', errorCode: 'server_error', errorMessage: 'Something broke' },
  'cut-stream': { text: 'This stream will be cut in the middle of the answer', deltaCount: 8, fault: 'cut-stream' },
  // The quirk seen on gpt-5.5 at high effort: output_item.added has name "", the name only comes in output_item.done.
  'late-tool-name': {
    reasoning: { summary: ['Run it.'] },
    toolCalls: [{ name: 'Bash', arguments: { command: 'echo hi > late.txt' }, callId: 'call_late', lateName: true }],
  },
  // Two late-named parallel calls whose output_item.done events carry no output_index.
  'late-names-no-output-index': {
    toolCalls: [
      { name: 'Read', arguments: { path: 'a.txt' }, callId: 'call_a', lateName: true },
      { name: 'Bash', arguments: { command: 'ls' }, callId: 'call_b', lateName: true },
    ],
    omitDoneOutputIndex: true,
  },
  'web-search': {
    webSearch: {
      query: 'ccs proxy release',
      sources: [
        { url: 'https://example.com/ccs/releases', title: 'ccs releases', cites: 'ccs 1.2 shipped' },
        { url: 'https://example.org/news/ccs', title: 'ccs in the news', cites: 'web search support' },
      ],
    },
    text: 'ccs 1.2 shipped last week, with web search support.',
  },
  'web-search-failed': { webSearch: { query: 'ccs proxy release', sources: [], failed: true }, text: 'The search failed.' },
};
// Recorded with a model today's backend still serves (the older fixtures were recorded with gpt-5.4, since
// retired for ChatGPT sign-in); web search scenarios offer the hosted tool.
const MODEL = 'gpt-5.5';
const only = process.argv.slice(2);
for (const [name, turn] of Object.entries(scenarios)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const search = name.startsWith('web-search');
  emu.control.enqueueTurn(turn);
  const res = await fetch(`${emu.baseUrl}/codex/responses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'chatgpt-account-id': account.chatgptAccountId, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: MODEL, instructions: '', input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
      tools: search ? [...tools, { type: 'web_search' }] : tools, tool_choice: 'auto', parallel_tool_calls: true,
      reasoning: { effort: 'high', summary: 'auto' }, store: false, stream: true,
      include: search ? ['reasoning.encrypted_content', 'web_search_call.action.sources'] : ['reasoning.encrypted_content'], prompt_cache_key: 'fixture',
    }),
  });
  let text = '';
  try { text = await res.text(); } catch { /* cut */ }
  if (res.status !== 200) throw new Error(`${name}: ${res.status} ${text}`);
  // Random ids make goldens unstable: replace them with stable ones.
  let n = 0;
  const ids = new Map();
  text = text.replace(/\b(resp|rs|msg|fc|ws)_[0-9a-f]{16,}\b/g, (m, p) => { if (!ids.has(m)) ids.set(m, `${p}_${String(++n).padStart(3, '0')}`); return ids.get(m); });
  text = text.replace(/"encrypted_content":"[^"]+"/g, '"encrypted_content":"gAAAAAfixtureEncryptedReasoningBlob0000000000000000000000000000=="');
  text = text.replace(/"created_at":\d+/g, '"created_at":1767225600');
  writeFileSync(join(here, `${name}.sse`), text);
  console.log(name, text.length);
}
void LONG;
await emu.close();
