import Anthropic from '@anthropic-ai/sdk';
import { type RunningProxy, startProxy } from '@ccs/proxy';
import { EMULATOR_MODELS, type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorCodexProvider } from './proxy-codex-stack.js';

const KEY = 'ccs-test-key-abcdefghijklmnop';
// A model the emulator serves to a plus account, taken from its catalog rather than hard-coded: listed, not on
// its way out, and open to plus (the catalog names its plans, or the plans it excludes).
const servesPlus = (model: object) => {
  const { plans, excludedPlans } = model as { plans?: string[]; excludedPlans?: string[] };
  return plans ? plans.includes('plus') : !excludedPlans?.includes('plus');
};
const MODEL = [...EMULATOR_MODELS]
  .filter((m) => m.visibility === 'list' && !m.upgrade && servesPlus(m))
  .sort((a, b) => a.priority - b.priority)[0]!.slug;

let emu: Emulator;
let proxy: RunningProxy | undefined;
let traces: string[];

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'john@example.com', plan: 'plus' });
  traces = [];
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function sdk() {
  const provider = emulatorCodexProvider(emu, [
    { nickname: 'john', email: 'john@example.com', plan: 'plus' },
  ]);
  proxy = await startProxy({
    providers: new Map([['codex', provider]]),
    apiKey: KEY,
    models: { default: MODEL, opus: MODEL, sonnet: MODEL, haiku: MODEL },
    trace: (line) => traces.push(line),
  });
  return new Anthropic({ apiKey: KEY, baseURL: proxy.url, maxRetries: 0 });
}

const upstream = () => emu.control.requests({ path: '/backend-api/codex/responses' });
const bodies = () => upstream().map((r) => r.body as Record<string, unknown>);
/** Every upstream request was accepted (a rejected one would have been retried or surfaced). */
const allAccepted = () => expect(upstream().map((r) => r.status)).toEqual(upstream().map(() => 200));

const SEARCH_TURN = {
  webSearch: {
    query: 'ccs proxy release',
    sources: [
      { url: 'https://example.com/ccs/releases', title: 'ccs releases', cites: 'ccs 1.2 shipped' },
      { url: 'https://example.org/news/ccs', title: 'ccs in the news', cites: 'web search support' },
    ],
  },
  text: 'ccs 1.2 shipped last week, with web search support.',
};

// What Claude Code's WebSearch tool sends (claude-code 2.1.x): a side query forcing the server tool.
const sideQuery = {
  model: 'claude-haiku-4-5',
  max_tokens: 8192,
  tools: [
    {
      type: 'web_search_20250305',
      name: 'web_search',
      max_uses: 8,
      allowed_domains: ['example.com', 'example.org'],
      user_location: { type: 'approximate', city: 'Paris', country: 'FR' },
    },
  ],
  tool_choice: { type: 'tool', name: 'web_search' },
  thinking: { type: 'disabled' },
  messages: [{ role: 'user', content: 'Perform a web search for the query: ccs proxy release' }],
} as unknown as Anthropic.MessageCreateParamsNonStreaming;

const expectedContent = (id: string) => [
  { type: 'server_tool_use', id, name: 'web_search', input: { query: 'ccs proxy release' } },
  {
    type: 'web_search_tool_result',
    tool_use_id: id,
    content: [
      expect.objectContaining({ type: 'web_search_result', url: 'https://example.com/ccs/releases' }),
      expect.objectContaining({ type: 'web_search_result', url: 'https://example.org/news/ccs' }),
    ],
  },
  {
    type: 'text',
    text: 'ccs 1.2 shipped last week, with web search support.',
    citations: [
      expect.objectContaining({
        type: 'web_search_result_location',
        url: 'https://example.com/ccs/releases',
        title: 'ccs releases',
        cited_text: 'ccs 1.2 shipped',
      }),
      expect.objectContaining({
        type: 'web_search_result_location',
        url: 'https://example.org/news/ccs',
        cited_text: 'web search support',
      }),
    ],
  },
];

describe('web search through the official Anthropic SDK → ccs proxy → emulator', () => {
  it('streams the search, its results and the cited answer', async () => {
    const client = await sdk();
    emu.control.enqueueTurn(SEARCH_TURN);
    const message = await client.messages.stream(sideQuery).finalMessage();
    const id = (message.content[0] as { id: string }).id;
    expect(id).toMatch(/^srvtoolu_/);
    expect(message.content).toEqual(expectedContent(id).map((b) => expect.objectContaining(b)));
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1 });
    allAccepted();
    const [body] = bodies();
    expect(body!.tools).toEqual([
      {
        type: 'web_search',
        filters: { allowed_domains: ['example.com', 'example.org'] },
        user_location: { type: 'approximate', city: 'Paris', country: 'FR' },
      },
    ]);
    expect(body!.tool_choice).toBe('required');
    expect(body!.include).toContain('web_search_call.action.sources');
    expect(traces.join('\n')).toContain('max_uses=8 is not enforced');
  });

  it('answers the same without streaming', async () => {
    const client = await sdk();
    emu.control.enqueueTurn(SEARCH_TURN);
    const message = await client.messages.create(sideQuery);
    const id = (message.content[0] as { id: string }).id;
    expect(message.content).toEqual(expectedContent(id).map((b) => expect.objectContaining(b)));
    allAccepted();
  });

  it('sends the search, its results and the cited text upstream on the next turn', async () => {
    const client = await sdk();
    emu.control.enqueueTurn(SEARCH_TURN);
    const first = await client.messages.create(sideQuery);
    emu.control.enqueueTurn({ text: 'You are welcome.' });
    const second = await client.messages.create({
      ...sideQuery,
      messages: [
        ...sideQuery.messages,
        { role: 'assistant', content: first.content as unknown as Anthropic.ContentBlockParam[] },
        { role: 'user', content: 'thanks' },
      ],
    });
    expect(second.content).toEqual([expect.objectContaining({ type: 'text', text: 'You are welcome.' })]);
    allAccepted();
    const input = bodies()[1]!.input as Array<Record<string, unknown>>;
    expect(input).toContainEqual({
      type: 'web_search_call',
      status: 'completed',
      action: { type: 'search', query: 'ccs proxy release' },
    });
    const said = JSON.stringify(input.filter((i) => i.role === 'assistant'));
    expect(said).toContain('https://example.org/news/ccs');
    expect(said).toContain('ccs 1.2 shipped last week, with web search support.');
  });

  it('refuses blocked_domains with a clear 400 and sends nothing upstream', async () => {
    const client = await sdk();
    const tool = { type: 'web_search_20250305', name: 'web_search', blocked_domains: ['spam.example'] };
    const error = await client.messages
      .create({ ...sideQuery, tools: [tool] } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as Error).message).toContain(
      'The Codex web search cannot block domains (spam.example): it only filters by allowed domains.',
    );
    expect(upstream()).toHaveLength(0);
  });
});

describe('a tool call named only in output_item.done, through the SDK', () => {
  it('reaches the client with its real name and round-trips', async () => {
    const client = await sdk();
    emu.control.enqueueTurn({
      toolCalls: [{ name: 'Bash', arguments: { command: 'ls' }, callId: 'call_late', lateName: true }],
      omitDoneOutputIndex: true,
    });
    const ask = {
      model: 'claude-opus-4-8',
      max_tokens: 4096,
      tools: [
        {
          name: 'Bash',
          input_schema: { type: 'object' as const, properties: { command: { type: 'string' } } },
        },
      ],
      messages: [{ role: 'user' as const, content: 'list files' }],
    };
    const message = await client.messages.stream(ask).finalMessage();
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'call_late', name: 'Bash', input: { command: 'ls' } },
    ]);
    emu.control.enqueueTurn({ text: 'Two files.' });
    await client.messages.create({
      ...ask,
      messages: [
        ...ask.messages,
        { role: 'assistant', content: message.content as Anthropic.ContentBlockParam[] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_late', content: 'a b' }] },
      ],
    });
    allAccepted();
    const input = bodies()[1]!.input as Array<Record<string, unknown>>;
    expect(input).toContainEqual(
      expect.objectContaining({ type: 'function_call', name: 'Bash', call_id: 'call_late' }),
    );
  });
});

describe('documents through the SDK', () => {
  const PDF = Buffer.from('%PDF-1.4 tiny').toString('base64');
  const tools = [{ name: 'Read', input_schema: { type: 'object' as const, properties: {} } }];

  it('go upstream as file input: base64, URL, plain text and inside a tool result', async () => {
    const client = await sdk();
    emu.control.enqueueTurn({ text: 'Read them.' });
    await client.messages.create({
      model: 'claude-opus-4-8',
      max_tokens: 1024,
      tools,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: PDF },
              title: 'Spec',
            },
            { type: 'document', source: { type: 'url', url: 'https://example.com/manual.pdf' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain notes' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }] },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [
                { type: 'text', text: 'the attached file' },
                { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF } },
              ] as unknown as Anthropic.ToolResultBlockParam['content'],
            },
          ],
        },
      ],
    });
    allAccepted();
    const input = bodies()[0]!.input as Array<Record<string, unknown>>;
    expect(input[0]).toEqual({
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'Document: Spec' },
        { type: 'input_file', file_data: `data:application/pdf;base64,${PDF}`, filename: 'document.pdf' },
        { type: 'input_file', file_url: 'https://example.com/manual.pdf', filename: 'document.pdf' },
        { type: 'input_text', text: 'plain notes' },
      ],
    });
    expect(input).toContainEqual({
      type: 'function_call_output',
      call_id: 'toolu_1',
      output: [
        { type: 'input_text', text: 'the attached file' },
        { type: 'input_file', file_data: `data:application/pdf;base64,${PDF}`, filename: 'document.pdf' },
      ],
    });
  });

  it('a document that cannot be expressed is a 400 naming the block, not a silent drop', async () => {
    const client = await sdk();
    const error = await client.messages
      .create({
        model: 'claude-opus-4-8',
        max_tokens: 1024,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'read this' },
              { type: 'document', source: { type: 'file', file_id: 'file_011' } },
            ],
          },
        ],
      } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as Error).message).toContain(
      'messages.0.content.1.source: a document from the Anthropic Files API (file_id) cannot be translated for this model.',
    );
    expect(upstream()).toHaveLength(0);
  });
});
