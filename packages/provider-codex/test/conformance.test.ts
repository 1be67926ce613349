import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountInfo } from '@ccs/core';
import { type CodexProvider, createCodexProvider, readCodexIdentity } from '@ccs/provider-codex/internal';
import { describeProviderConformance, type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, describe, it } from 'vitest';

// The testkit's provider conformance suite against the REAL Codex provider: its own account store
// (a signed-in account in a temporary CCS_HOME), credentials, catalog, effort policy and Responses
// chat model, talking to the emulator over loopback.
let emu: Emulator;
let home: string;
let account: AccountInfo;

beforeAll(async () => {
  emu = await startEmulator();
  home = await mkdtemp(join(tmpdir(), 'ccs-codex-conformance-'));
});
afterAll(async () => {
  await emu?.close();
  await rm(home, { recursive: true, force: true, maxRetries: 5 });
});

async function signedInProvider(): Promise<CodexProvider> {
  const codex = createCodexProvider({ home, issuer: emu.issuer, baseUrl: emu.baseUrl });
  emu.control.addAccount({ email: 'conformance@example.com', plan: 'pro' });
  const t = emu.control.issueTokens('conformance@example.com');
  ({ account } = await codex.accounts.saveLogin({
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    idToken: t.idToken,
    expiresAt: new Date(Date.now() + t.expiresIn * 1000),
    identity: readCodexIdentity(t.idToken),
  }));
  return codex;
}

describeProviderConformance({
  name: 'provider conformance: codex (real provider, emulator)',
  test: { describe, it, beforeAll, afterAll },
  createProvider: signedInProvider,
  chat: {
    account: () => account,
    modelId: 'gpt-5.6-sol',
    arrangeText: () => emu.control.enqueueTurn({ text: 'Hello from the conformance suite.' }),
    arrangeToolCalls: () =>
      emu.control.enqueueTurn({
        text: 'Reading both.',
        toolCalls: [
          { name: 'read_file', arguments: { path: '/a' } },
          { name: 'read_file', arguments: { path: '/b' } },
        ],
      }),
    // 429 usage limit: no retry, so it is the provider's own error mapping under test.
    arrangeFailureBeforeOutput: () => emu.control.enqueueTurn({ fault: 'usage-limit-429' }),
    arrangeFailureAfterOutput: () =>
      emu.control.enqueueTurn({ text: 'a long answer that breaks off', deltaCount: 6, fault: 'cut-stream' }),
  },
});

// The same contracts with the other failure shapes: a 5xx that stays a 5xx through the provider's
// retries, and an upstream `error` event after some text.
describeProviderConformance({
  name: 'provider conformance: codex (real provider, emulator, retried 5xx and error event)',
  test: { describe, it, beforeAll, afterAll },
  createProvider: signedInProvider,
  chat: {
    account: () => account,
    modelId: 'gpt-5.6-terra',
    arrangeText: () =>
      emu.control.enqueueTurn({ text: ['Hel', 'lo', '.'], reasoning: { summary: ['Plan.'] } }),
    arrangeFailureBeforeOutput: () => {
      for (let i = 0; i < 3; i++) emu.control.enqueueTurn({ fault: 'server-500' });
    },
    arrangeFailureAfterOutput: () =>
      emu.control.enqueueTurn({ text: 'this answer breaks off', deltaCount: 6, fault: 'error-event' }),
  },
});
