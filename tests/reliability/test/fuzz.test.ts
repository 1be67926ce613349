import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CcsError } from '@ccs/core';
import { parseConfig } from '@ccs/core/internal';
import { readCodexTokenFile } from '@ccs/provider-codex/internal';
import {
  createSseDecoder,
  parseRedirectUrl,
  readPastedRedirectUrl,
  startCallbackServer,
} from '@ccs/provider-kit';
import { decodeAnthropicRequest, validateAnthropicRequest } from '@ccs/proxy/internal';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FULL, saveFigures } from './harness/figures.js';

// Property-based fuzzing of what a hostile party can reach: the bodies the proxy accepts, the bytes an
// upstream streams, the local OAuth callback and a pasted redirect URL, and the files ccs reads. Each
// must end in a value or one clear CcsError: no other exception, no hang.
const RUNS = FULL ? 20_000 : 300;
const counts: Record<string, number> = {};
afterAll(() => saveFigures('fuzz', { runsPerProperty: RUNS, cases: counts }));

function check(name: string, property: fc.IProperty<[unknown]> | fc.IAsyncProperty<[unknown]>, runs = RUNS) {
  counts[name] = runs;
  return fc.assert(property as fc.IProperty<[unknown]>, {
    numRuns: runs,
    interruptAfterTimeLimit: FULL ? 600_000 : 15_000,
  });
}

/** A clear error: a CcsError with a one-line message that carries no stack. */
function expectClear(error: unknown, codes: string[]): void {
  expect(CcsError.isInstance(error), String(error)).toBe(true);
  const ccs = error as CcsError;
  expect(codes).toContain(ccs.code);
  expect(ccs.message.length).toBeGreaterThan(0);
  expect(ccs.message).not.toMatch(/\n\s+at /);
}

const blockTypes = [
  'text',
  'image',
  'document',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
  'server_tool_use',
  'search_result',
  'mcp_tool_use',
  'bogus',
  '',
];
const block = fc.oneof(
  fc.record(
    { type: fc.constantFrom(...blockTypes), text: fc.oneof(fc.string(), fc.integer()) },
    { requiredKeys: [] },
  ),
  fc.record({
    type: fc.constant('tool_result'),
    tool_use_id: fc.string(),
    content: fc.oneof(fc.string(), fc.array(fc.jsonValue(), { maxLength: 3 })),
  }),
  fc.record({
    type: fc.constant('image'),
    source: fc.record(
      { type: fc.constantFrom('base64', 'url', 'file', 'x'), data: fc.string(), url: fc.string() },
      { requiredKeys: ['type'] },
    ),
  }),
  fc.jsonValue({ maxDepth: 3 }),
);
const anthropicish = fc.record(
  {
    model: fc.oneof(fc.constant('claude-opus-4-8'), fc.string(), fc.integer()),
    max_tokens: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    stream: fc.oneof(fc.boolean(), fc.string()),
    system: fc.oneof(fc.string(), fc.array(block, { maxLength: 3 })),
    messages: fc.oneof(
      fc.array(
        fc.record(
          {
            role: fc.constantFrom('user', 'assistant', 'system', 'tool', ''),
            content: fc.oneof(fc.string(), fc.array(block, { maxLength: 4 })),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    tools: fc.array(
      fc.record(
        {
          name: fc.oneof(fc.constantFrom('Read', 'Bash'), fc.string()),
          input_schema: fc.jsonValue({ maxDepth: 2 }),
          type: fc.string(),
        },
        { requiredKeys: ['name'] },
      ),
      { maxLength: 4 },
    ),
    tool_choice: fc.jsonValue({ maxDepth: 2 }),
    thinking: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

describe('the Anthropic request decoder', () => {
  it('any JSON value or Anthropic-shaped body: decoded, or a 400 naming a JSON path', () =>
    check(
      'anthropic request (validate + decode)',
      fc.property(fc.oneof(anthropicish, fc.jsonValue()), (body) => {
        try {
          decodeAnthropicRequest(validateAnthropicRequest(body));
        } catch (error) {
          expectClear(error, ['INVALID_REQUEST']);
          expect((error as CcsError).message).toMatch(/^[\w.]+(: | )/);
        }
      }),
    ));
});

describe('the SSE decoder', () => {
  it('any bytes, split anywhere: the same events, and only a clear error for oversized ones', () =>
    check(
      'sse decoder (split invariance)',
      fc.property(
        fc.tuple(
          fc
            .array(
              fc.oneof(
                fc.string(),
                fc.constantFrom('\n', '\r', '\r\n', 'data: ', 'event: x', ': c', 'id: 1', '\n\n'),
              ),
              { maxLength: 40 },
            )
            .map((p) => p.join('')),
          fc.array(fc.nat(), { maxLength: 8 }),
        ),
        ([text, cuts]) => {
          const bytes = Buffer.from(text);
          const whole = createSseDecoder({ maxEventChars: 64 });
          let expected: unknown;
          try {
            expected = [...whole.push(bytes), ...whole.end()];
          } catch (error) {
            expectClear(error, ['UPSTREAM_ERROR']);
            return;
          }
          const split = createSseDecoder({ maxEventChars: 64 });
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const got: unknown[] = [];
          let from = 0;
          for (const point of [...points, bytes.length]) {
            got.push(...split.push(bytes.subarray(from, point)));
            from = point;
          }
          got.push(...split.end());
          expect(got).toEqual(expected);
        },
      ),
    ));
});

describe('OAuth: the callback server and a pasted redirect URL', () => {
  it('a pasted line of anything: parsed params or undefined, never a throw', () =>
    check(
      'pasted redirect URL',
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `http://${s}`),
          fc.string().map((s) => `http://localhost:1455/auth/callback?${s}`),
        ),
        (text) => {
          const params = parseRedirectUrl(text);
          if (params !== undefined) expect(typeof params).toBe('object');
        },
      ),
    ));

  it('pasted input of many lines: only the right state is accepted; the read ends with the input', () =>
    check(
      'pasted redirect (reader)',
      fc.asyncProperty(fc.array(fc.string(), { maxLength: 5 }), async (lines) => {
        const input = new PassThrough();
        const read = readPastedRedirectUrl(input, {
          accept: (p) => (p.state === 'right-state' ? undefined : 'state mismatch'),
        });
        input.end(`${lines.join('\n')}\n`);
        const params = await read;
        if (params) expect(params.state).toBe('right-state');
      }),
      FULL ? 2_000 : 100,
    ));

  it('any request to the callback server: a page, never a completed login without the right state', async () => {
    const server = await startCallbackServer({ ports: [0], expectedState: 'the-state', timeoutMs: 600_000 });
    let completed = false;
    server.result.then(
      () => {
        completed = true;
      },
      () => {},
    );
    const get = (path: string) =>
      new Promise<number>((resolve) => {
        const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', () => resolve(-1));
        req.end();
      });
    try {
      // Found by this fuzzing: "//<bad host>/…" made `new URL(path, base)` throw inside the handler.
      expect(await get('/////%F1%92%A5%A7///9/')).toBe(404);
      expect(await get('//evil.example/auth/callback?code=c&state=the-state')).toBe(404);
      expect(completed).toBe(false);
      await check(
        'OAuth callback server (HTTP)',
        fc.asyncProperty(
          fc.oneof(
            fc.string().map((s) => `/auth/callback?${encodeURI(s)}`),
            fc
              .record({ code: fc.string(), state: fc.string(), error: fc.string() }, { requiredKeys: [] })
              .map((q) => `/auth/callback?${new URLSearchParams(q)}`),
            fc.webPath(),
          ),
          async (path) => {
            const status = await get(path.startsWith('/') ? path : `/${path}`);
            expect(status).toBeGreaterThanOrEqual(200);
            expect(status).toBeLessThan(500);
            expect(completed).toBe(false);
          },
        ),
        FULL ? 3_000 : 100,
      );
    } finally {
      await server.close();
    }
  });
});

describe('files ccs reads', () => {
  const yamlish = fc
    .array(
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          'port: ',
          'api-keys:\n  - ',
          'host: ',
          'plugins:\n  - ',
          ': ',
          '- ',
          '\n',
          '  ',
          '"',
          "'",
          '{',
          '[',
          '#',
          'openai-compatibility:\n  - name: x\n',
        ),
      ),
      { maxLength: 30 },
    )
    .map((p) => p.join(''));
  it('config.yaml of anything: a config, or one CONFIG_INVALID error naming the file', () =>
    check(
      'config.yaml',
      fc.property(yamlish, (text) => {
        try {
          parseConfig(text, '/home/u/.ccs/cliproxy/config.yaml');
        } catch (error) {
          expectClear(error, ['CONFIG_INVALID']);
          expect((error as CcsError).message).toContain('config.yaml');
        }
      }),
    ));

  // codex.settings.json is fuzzed by the CLI's own tests (apps/cli/test/settings-fuzz.test.ts).
  it('a token file of anything: read as ok or corrupt (kept for the user), never a throw', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccs-fuzz-'));
    const path = join(dir, 'codex-x.json');
    try {
      await check(
        'token file',
        fc.asyncProperty(
          fc.oneof(
            fc.string(),
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc
              .record(
                {
                  type: fc.constant('codex'),
                  access_token: fc.string(),
                  refresh_token: fc.string(),
                  id_token: fc.string(),
                  email: fc.string(),
                  expired: fc.string(),
                },
                { requiredKeys: [] },
              )
              .map((v) => JSON.stringify(v)),
          ),
          async (text) => {
            await writeFile(path, text);
            const result = await readCodexTokenFile(path);
            expect(['ok', 'corrupt']).toContain(result.status);
            if (result.status === 'corrupt')
              expect(result.error).not.toContain(text.length > 8 ? text : '\u0000never');
          },
        ),
        FULL ? 5_000 : 150,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
