import { describeProviderConformance } from '@ccs/testkit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createFixture, type Fixture } from './helpers.js';

// The same strict suite every example and first-party provider runs, against the testkit's scripted
// Chat Completions upstream over real loopback HTTP.
let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(() => fx.close());

describeProviderConformance({
  name: 'provider conformance: openai-compatible',
  test: { describe, it, beforeAll, afterAll },
  createProvider: () => fx.provider(),
  chat: {
    account: async () => (await fx.provider().accounts.getDefault())!,
    arrangeText: () => fx.up.enqueue({ reasoning: 'thinking first', text: 'Hello there.' }),
    arrangeToolCalls: () =>
      fx.up.enqueue({
        interleaveToolCalls: true,
        toolCalls: [
          { name: 'read_file', arguments: { path: '/a' } },
          { name: 'read_file', arguments: { path: '/b' } },
        ],
      }),
    arrangeFailureBeforeOutput: () => fx.up.enqueue({ httpError: { status: 429, retryAfterSeconds: 3 } }),
    arrangeFailureAfterOutput: () =>
      fx.up.enqueue({ text: 'This reply gets cut somewhere.', cutAfterChunks: 2 }),
  },
});
