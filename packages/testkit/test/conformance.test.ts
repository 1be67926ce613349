import { CcsError, type ChatStreamPart, type ModelInfo, type Provider } from '@ccs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkEffortPolicy,
  checkModelCatalog,
  checkProviderShape,
  checkStreamOrdering,
  checkWarnings,
  describeProviderConformance,
} from '../src/index.js';

const MODELS: ModelInfo[] = [
  {
    id: 'fake-large',
    displayName: 'Fake Large',
    effort: { supported: ['low', 'medium', 'high'], default: 'medium', max: 'high' },
    source: 'static',
  },
  {
    id: 'fake-small',
    displayName: 'Fake Small',
    effort: { supported: ['medium', 'high'], default: 'medium', max: 'high' },
    source: 'static',
  },
];

type Mode = 'text' | 'tools' | 'fail-before' | 'fail-after';
let mode: Mode = 'text';

const TURNS: Record<Exclude<Mode, 'fail-before'>, ChatStreamPart[]> = {
  text: [
    { type: 'stream-start' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Hello' },
    { type: 'text-end', id: 't' },
    { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } },
  ],
  tools: [
    { type: 'stream-start' },
    { type: 'tool-input-start', id: 'c1', toolName: 'read_file' },
    { type: 'tool-input-delta', id: 'c1', delta: '{"path":"/a"}' },
    { type: 'tool-input-end', id: 'c1' },
    { type: 'tool-call', toolCallId: 'c1', toolName: 'read_file', input: '{"path":"/a"}' },
    { type: 'tool-input-start', id: 'c2', toolName: 'read_file' },
    { type: 'tool-input-end', id: 'c2' },
    { type: 'tool-call', toolCallId: 'c2', toolName: 'read_file', input: '{}' },
    { type: 'finish', reason: 'tool-calls', usage: { inputTokens: 1, outputTokens: 1 } },
  ],
  'fail-after': [
    { type: 'stream-start' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Hel' },
    { type: 'error', error: new CcsError('STREAM_INTERRUPTED', 'cut').toJSON() },
  ],
};

/** A minimal well-behaved provider; tests break one part of it at a time. */
function fakeProvider(over: Partial<Provider> = {}): Provider {
  return {
    specificationVersion: 'v1',
    id: 'fake',
    displayName: 'Fake',
    authStrategies: [
      {
        id: 'fake-browser',
        kind: 'oauth-browser',
        login: async () => ({}),
        needsRefresh: () => false,
        authorize: () => ({}),
      },
    ],
    accounts: {
      list: async () => [],
      getDefault: async () => undefined,
      resolve: async () => {
        throw new Error('none');
      },
      setDefault: async () => {},
      rename: async () => {},
      remove: async () => {},
    },
    modelCatalog: {
      specificationVersion: 'v1',
      staticModels: () => MODELS,
      list: async () => MODELS,
      get: (id) => MODELS.find((m) => m.id === id),
      isAvailable: () => undefined,
    },
    effortPolicy: {
      specificationVersion: 'v1',
      resolve: ({ modelId, requested }) => {
        const m = MODELS.find((x) => x.id === modelId)!;
        const want = requested ?? m.effort.default;
        const order = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max', 'ultra'];
        const rank = order.indexOf(want);
        const effort = m.effort.supported.find((e) => order.indexOf(e) >= rank) ?? m.effort.max;
        const capped = order.indexOf(effort) < rank;
        return {
          effort,
          requested: want,
          source: 'explicit',
          capped,
          warnings: effort === want ? [] : [`${want} → ${effort}`],
        };
      },
    },
    chatModel: (modelId) => ({
      specificationVersion: 'v1',
      providerId: 'fake',
      modelId,
      async stream() {
        if (mode === 'fail-before') throw new CcsError('UPSTREAM_ERROR', 'boom');
        const parts = TURNS[mode];
        return {
          stream: (async function* () {
            yield* parts;
          })(),
          responseHeaders: {},
          // Both forms a plugin may return: a plain string and a typed warning.
          warnings: ['a plain note', { type: 'unsupported-setting', setting: 'maxOutputTokens' }],
        };
      },
    }),
    ...over,
  };
}

describeProviderConformance({
  name: 'conformance suite on a well-behaved fake provider',
  test: { describe, it, beforeAll, afterAll },
  createProvider: () => fakeProvider(),
  chat: {
    account: () => ({
      id: 'a',
      providerId: 'fake',
      nickname: 'a',
      isDefault: true,
      createdAt: new Date(0).toISOString(),
    }),
    arrangeText: () => {
      mode = 'text';
    },
    arrangeToolCalls: () => {
      mode = 'tools';
    },
    arrangeFailureBeforeOutput: () => {
      mode = 'fail-before';
    },
    arrangeFailureAfterOutput: () => {
      mode = 'fail-after';
    },
  },
});

describe('conformance checks catch broken providers', () => {
  it('stream ordering: interleaved blocks, a tool-call not after its input, no stream-start, two terminals', () => {
    expect(checkStreamOrdering(TURNS.text)).toEqual([]);
    expect(checkStreamOrdering(TURNS.tools)).toEqual([]);
    const interleaved: ChatStreamPart[] = [
      { type: 'stream-start' },
      { type: 'tool-input-start', id: 'c1', toolName: 'a' },
      { type: 'tool-input-start', id: 'c2', toolName: 'b' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'a', input: '{}' },
      { type: 'tool-input-end', id: 'c2' },
      { type: 'tool-call', toolCallId: 'c2', toolName: 'b', input: '{}' },
      { type: 'finish', reason: 'tool-calls', usage: { inputTokens: 0, outputTokens: 0 } },
    ];
    expect(checkStreamOrdering(interleaved).join('\n')).toMatch(/while tool-input c1 is open/);
    const noCall = TURNS.tools.filter((p) => !(p.type === 'tool-call' && p.toolCallId === 'c1'));
    expect(checkStreamOrdering(noCall).join('\n')).toMatch(/not followed by its tool-call/);
    expect(checkStreamOrdering(TURNS.text.slice(1)).join('\n')).toMatch(/not stream-start/);
    expect(checkStreamOrdering([...TURNS.text, TURNS.text.at(-1)!]).join('\n')).toMatch(
      /2 finish\/error parts/,
    );
    expect(checkStreamOrdering(TURNS.text.slice(0, -1)).join('\n')).toMatch(/no finish or error/);
  });

  it('stream ordering: web searches between blocks, each result after its call, citations in their text block', () => {
    const finish: ChatStreamPart = {
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0 },
    };
    const good: ChatStreamPart[] = [
      { type: 'stream-start' },
      { type: 'web-search-call', id: 'ws1', query: 'q' },
      { type: 'web-search-result', callId: 'ws1', sources: [{ url: 'https://x' }] },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'a' },
      { type: 'text-citation', id: 't1', citation: { url: 'https://x' } },
      { type: 'text-end', id: 't1' },
      finish,
    ];
    expect(checkStreamOrdering(good)).toEqual([]);
    const inside = [good[0]!, good[3]!, good[1]!, good[2]!, good[4]!, good[6]!, finish];
    expect(checkStreamOrdering(inside).join('\n')).toMatch(/web-search-call\): comes inside text block t1/);
    const orphan = [good[0]!, good[2]!, finish];
    expect(checkStreamOrdering(orphan).join('\n')).toMatch(
      /result for ws1 before \(or without\) its web-search-call/,
    );
    const stray = [good[0]!, good[3]!, good[4]!, good[6]!, good[5]!, finish];
    expect(checkStreamOrdering(stray).join('\n')).toMatch(/cites text t1, which is not the open text block/);
  });

  it('provider shape: id, auth strategies', () => {
    expect(checkProviderShape(fakeProvider())).toEqual([]);
    expect(checkProviderShape(fakeProvider({ id: 'Fake Provider' })).join('\n')).toMatch(/kebab-case/);
    expect(checkProviderShape(fakeProvider({ authStrategies: [] })).join('\n')).toMatch(
      /authStrategies is empty/,
    );
  });

  it('model catalog: effort ranges and get()', () => {
    const bad = fakeProvider().modelCatalog;
    const broken = {
      ...bad,
      staticModels: () => [
        {
          ...MODELS[0]!,
          effort: { supported: ['low', 'medium'], default: 'high', max: 'medium' },
        } as ModelInfo,
      ],
    };
    expect(checkModelCatalog(bad)).toEqual([]);
    expect(checkModelCatalog(broken).join('\n')).toMatch(
      /default effort high is not in its supported levels/,
    );
  });

  it('effort policy: above the max, silent changes and throwing', () => {
    expect(checkEffortPolicy(fakeProvider())).toEqual([]);
    const greedy = fakeProvider({
      effortPolicy: {
        specificationVersion: 'v1',
        resolve: ({ requested }) => ({
          effort: requested ?? 'xhigh',
          requested: requested ?? 'xhigh',
          source: 'explicit',
          capped: false,
          warnings: [],
        }),
      },
    });
    expect(checkEffortPolicy(greedy).join('\n')).toMatch(/above the max high/);
    const thrower = fakeProvider({
      effortPolicy: {
        specificationVersion: 'v1',
        resolve: () => {
          throw new Error('nope');
        },
      },
    });
    expect(checkEffortPolicy(thrower).join('\n')).toMatch(/threw: nope/);
  });

  it('warnings: plain strings and typed ChatWarnings pass, malformed ones are named', () => {
    expect(
      checkWarnings(
        [
          'capped to high',
          {
            type: 'unsupported-setting',
            setting: 'maxOutputTokens',
            details: 'the backend sets its own limit',
          },
          { type: 'other', message: 'reasoning left out' },
        ],
        'stream()',
      ),
    ).toEqual([]);
    expect(checkWarnings(undefined, 'stream()')).toEqual(['stream() has no warnings array']);
    expect(
      checkWarnings(['', { type: 'unsupported-setting' }, { type: 'other' }, { kind: 'x' }, 42], 'stream()'),
    ).toEqual([
      'stream() warning 0 is an empty string',
      'stream() warning 1 names no setting',
      'stream() warning 2 has no message',
      'stream() warning 3 is neither a string nor a ChatWarning: {"kind":"x"}',
      'stream() warning 4 is neither a string nor a ChatWarning: 42',
    ]);
  });
});
