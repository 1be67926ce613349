import { type AccountInfo, CcsError, type ChatRequest, type ChatStreamPart, type Provider } from '@ccs/core';
import {
  checkEffortPolicy,
  checkModelCatalog,
  checkProviderShape,
  checkWarnings,
} from './provider-checks.js';
import { checkStreamOrdering } from './stream-ordering.js';

/** The few test-framework functions the suite needs; pass vitest's (or any compatible runner's). */
export interface ConformanceTestApi {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void> | void, timeout?: number): void;
  beforeAll(fn: () => Promise<unknown> | unknown): void;
  afterAll(fn: () => Promise<unknown> | unknown): void;
}

export interface ConformanceChatOptions {
  /** The account chat tests use (already signed in, e.g. against the emulator). */
  account(): AccountInfo | Promise<AccountInfo>;
  /** Default: the first static model. */
  modelId?: string;
  /** Overrides merged into the simple request the suite sends. */
  request?: Partial<ChatRequest>;
  /** Arrange the upstream so the next request streams plain text (e.g. `emu.control.enqueueTurn({ text })`). */
  arrangeText?(): void | Promise<void>;
  /** Arrange the next request to answer with parallel tool calls. */
  arrangeToolCalls?(): void | Promise<void>;
  /** Arrange the next request to fail before any output (e.g. a 500, 429 or `response.failed`). */
  arrangeFailureBeforeOutput?(): void | Promise<void>;
  /** Arrange the next request to fail after some output (e.g. a cut stream). */
  arrangeFailureAfterOutput?(): void | Promise<void>;
}

export interface ProviderConformanceOptions {
  /** Suite title; default `provider conformance: <id>`. */
  name?: string;
  test: ConformanceTestApi;
  createProvider(): Provider | Promise<Provider>;
  /** Chat tests run only when given. */
  chat?: ConformanceChatOptions;
  /** Per-test timeout in ms for chat tests (default 20 000). */
  timeoutMs?: number;
}

const fail = (problems: string[]) => {
  if (problems.length > 0) throw new Error(`- ${problems.join('\n- ')}`);
};

async function collect(stream: AsyncIterable<ChatStreamPart>, limit = 100_000): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const part of stream) {
    parts.push(part);
    // A provider that never ends its stream must not hang the suite forever.
    if (parts.length >= limit) throw new Error(`stream produced more than ${limit} parts`);
  }
  return parts;
}

/**
 * Registers a conformance suite for a provider plugin: static shape, model catalog, effort policy, and (with
 * `chat`) streamed turns that must follow the ChatStreamPart ordering contract and reject early failures with a
 * CcsError. The test framework is passed in so this package never needs vitest at run time:
 *
 * ```ts
 * import { describe, it, beforeAll, afterAll } from 'vitest';
 * describeProviderConformance({ test: { describe, it, beforeAll, afterAll }, createProvider: () => myProvider() });
 * ```
 */
export function describeProviderConformance(options: ProviderConformanceOptions): void {
  const { test } = options;
  const timeout = options.timeoutMs ?? 20_000;
  let provider: Provider;
  test.describe(options.name ?? 'provider conformance', () => {
    test.beforeAll(async () => {
      provider = await options.createProvider();
    });
    test.afterAll(async () => {
      await provider?.dispose?.();
    });

    test.it('has the v1 provider shape', () => fail(checkProviderShape(provider)));
    test.it('has a coherent offline model catalog', () => fail(checkModelCatalog(provider.modelCatalog)));
    test.it('resolves every effort for every model within its limits', () =>
      fail(checkEffortPolicy(provider)),
    );
    test.it('lists accounts without throwing', async () => {
      const accounts = await provider.accounts.list();
      if (!Array.isArray(accounts)) throw new Error('accounts.list() did not return an array');
      if (accounts.filter((a) => a.isDefault).length > 1) throw new Error('more than one default account');
    });

    const chat = options.chat;
    if (!chat) return;
    // The provider is created in beforeAll: its catalog is read when a test runs.
    const modelId = () => chat.modelId ?? provider.modelCatalog.staticModels()[0]!.id;
    const request = (): ChatRequest => ({
      // Deprecated and ignored by chat models that follow the spec; ccs still sends it, so this does too.
      modelId: modelId(),
      system: ['You are a conformance test.'],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }],
      tools: [
        {
          name: 'read_file',
          description: 'Read a file',
          inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
        },
      ],
      metadata: { requestId: 'conformance', sessionId: 'conformance-session' },
      ...chat.request,
    });
    const start = async () => {
      const account = await chat.account();
      return provider.chatModel(modelId(), account).stream(request());
    };

    test.it(
      'streams a text turn that follows the ordering contract and finishes',
      async () => {
        await chat.arrangeText?.();
        const result = await start();
        // Strings (spec v1's first form) and typed ChatWarnings are both fine; anything else is not.
        fail(checkWarnings(result.warnings, 'stream()'));
        const parts = await collect(result.stream);
        fail(checkStreamOrdering(parts));
        if (parts.at(-1)?.type !== 'finish')
          throw new Error(`the turn ended with ${parts.at(-1)?.type}, not finish`);
        if (!parts.some((p) => p.type === 'text-delta')) throw new Error('no text-delta part');
      },
      timeout,
    );

    if (chat.arrangeToolCalls) {
      test.it(
        'serializes tool calls into complete blocks with JSON input and finishes with tool-calls',
        async () => {
          await chat.arrangeToolCalls?.();
          const parts = await collect((await start()).stream);
          fail(checkStreamOrdering(parts));
          const calls = parts.filter((p) => p.type === 'tool-call');
          if (calls.length === 0) throw new Error('no tool-call part');
          for (const c of calls) JSON.parse(c.input);
          const last = parts.at(-1);
          if (last?.type !== 'finish' || last.reason !== 'tool-calls') {
            throw new Error(`expected finish with reason tool-calls, got ${JSON.stringify(last)}`);
          }
        },
        timeout,
      );
    }

    if (chat.arrangeFailureBeforeOutput) {
      test.it(
        'rejects stream() with a CcsError when the upstream fails before any output',
        async () => {
          await chat.arrangeFailureBeforeOutput?.();
          const outcome = await start().then(
            () => undefined,
            (e: unknown) => e,
          );
          if (!CcsError.isInstance(outcome))
            throw new Error(`stream() did not reject with a CcsError: ${String(outcome)}`);
        },
        timeout,
      );
    }

    if (chat.arrangeFailureAfterOutput) {
      test.it(
        'ends with exactly one error part when the upstream fails after output',
        async () => {
          await chat.arrangeFailureAfterOutput?.();
          const parts = await collect((await start()).stream);
          fail(checkStreamOrdering(parts));
          if (parts.at(-1)?.type !== 'error')
            throw new Error(`the turn ended with ${parts.at(-1)?.type}, not error`);
        },
        timeout,
      );
    }
  });
}
