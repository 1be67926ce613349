import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { baseBody, type Loose, postResponses, streamEvents } from './helpers.js';

let emu: Emulator;
let auth: { accessToken: string; accountId: string };
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'plus@example.com', plan: 'plus' });
  auth = emu.control.issueTokens('plus@example.com');
});

const send = (body: unknown) => postResponses(emu, auth, body);
async function rejected(body: unknown) {
  const res = await send(body);
  return { status: res.status, body: (await res.json()) as Record<string, Loose> };
}
const userContent = (content: unknown[]) => ({
  input: [{ type: 'message', role: 'user', content }],
});

const SEARCH = {
  query: 'ccs release',
  sources: [{ url: 'https://example.com/r', title: 'Releases', cites: 'shipped' }],
};

describe('the hosted web_search tool', () => {
  it('streams a web_search_call item, then an answer with url_citation annotations', async () => {
    emu.control.enqueueTurn({ webSearch: SEARCH, text: 'ccs 1.2 shipped.' });
    const events = await streamEvents(
      await send(
        baseBody({
          tools: [{ type: 'web_search', filters: { allowed_domains: ['example.com'] } }],
          include: ['reasoning.encrypted_content', 'web_search_call.action.sources'],
        }),
      ),
    );
    const types = events.map((e) => e.event);
    expect(types).toEqual(
      expect.arrayContaining([
        'response.web_search_call.in_progress',
        'response.web_search_call.searching',
        'response.web_search_call.completed',
        'response.output_text.annotation.added',
      ]),
    );
    const done = events
      .filter((e) => e.event === 'response.output_item.done')
      .map((e) => e.data.item as Loose);
    expect(done[0]).toMatchObject({
      type: 'web_search_call',
      status: 'completed',
      action: {
        type: 'search',
        query: 'ccs release',
        sources: [{ type: 'url', url: 'https://example.com/r' }],
      },
    });
    expect(done[1].content[0].annotations).toEqual([
      {
        type: 'url_citation',
        start_index: 8,
        end_index: 15,
        url: 'https://example.com/r',
        title: 'Releases',
      },
    ]);
  });

  it('lists sources only when the request includes web_search_call.action.sources', async () => {
    emu.control.enqueueTurn({ webSearch: SEARCH, text: 'ccs 1.2 shipped.' });
    const events = await streamEvents(await send(baseBody({ tools: [{ type: 'web_search' }] })));
    const item = events.find((e) => e.event === 'response.output_item.done')!.data.item as Loose;
    expect(item.action).toEqual({ type: 'search', query: 'ccs release' });
  });

  it('does not search when the request does not offer the tool', async () => {
    emu.control.enqueueTurn({ webSearch: SEARCH, text: 'No search.' });
    const events = await streamEvents(await send(baseBody()));
    expect(events.some((e) => e.event.startsWith('response.web_search_call'))).toBe(false);
  });

  it('rejects a filter it does not know (blocked_domains) and a non-approximate location', async () => {
    const a = await rejected(
      baseBody({ tools: [{ type: 'web_search', filters: { blocked_domains: ['x.com'] } }] }),
    );
    expect(a.status).toBe(400);
    expect(a.body.error.message).toBe("Unknown parameter: 'tools[0].filters.blocked_domains'.");
    const b = await rejected(baseBody({ tools: [{ type: 'web_search', user_location: { type: 'exact' } }] }));
    expect(b.body.error.param).toBe('tools[0].user_location.type');
  });

  it('accepts an earlier search replayed without an id, as the Codex CLI sends it', async () => {
    const res = await send(
      baseBody({
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'search' }] },
          { type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'q' } },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'found it' }] },
        ],
      }),
    );
    expect(res.status).toBe(200);
    await res.text();
  });
});

describe('input_file', () => {
  const PDF = 'data:application/pdf;base64,JVBERi0xLjQ=';

  it('accepts a base64 data URL with a filename, and a file URL', async () => {
    const res = await send(
      baseBody(
        userContent([
          { type: 'input_file', file_data: PDF, filename: 'a.pdf' },
          { type: 'input_file', file_url: 'https://example.com/a.pdf' },
        ]),
      ),
    );
    expect(res.status).toBe(200);
    await res.text();
  });

  it('rejects file_data without a filename, a raw base64 string, two sources and no source', async () => {
    const noName = await rejected(baseBody(userContent([{ type: 'input_file', file_data: PDF }])));
    expect(noName.body.error.param).toBe('input[0].content[0].filename');
    const raw = await rejected(
      baseBody(userContent([{ type: 'input_file', file_data: 'JVBERi0xLjQ=', filename: 'a.pdf' }])),
    );
    expect(raw.body.error.param).toBe('input[0].content[0].file_data');
    const two = await rejected(
      baseBody(
        userContent([{ type: 'input_file', file_data: PDF, file_url: 'https://x/a.pdf', filename: 'a.pdf' }]),
      ),
    );
    expect(two.status).toBe(400);
    const none = await rejected(baseBody(userContent([{ type: 'input_file', filename: 'a.pdf' }])));
    expect(none.body.error.code).toBe('missing_required_parameter');
  });
});

describe('the empty-name quirk', () => {
  it('sends name "" in output_item.added and the name in output_item.done, without output_index if asked', async () => {
    emu.control.enqueueTurn({
      toolCalls: [{ name: 'Bash', arguments: { command: 'ls' }, lateName: true }],
      omitDoneOutputIndex: true,
    });
    const events = await streamEvents(
      await send(
        baseBody({
          tools: [{ type: 'function', name: 'Bash', parameters: { type: 'object', properties: {} } }],
        }),
      ),
    );
    const added = events.find((e) => e.event === 'response.output_item.added')!.data as Loose;
    const done = events.find((e) => e.event === 'response.output_item.done')!.data as Loose;
    expect(added.item.name).toBe('');
    expect(added.output_index).toBe(0);
    expect(done.item.name).toBe('Bash');
    expect(done.output_index).toBeUndefined();
  });
});
