import {
  type AccountInfo,
  CcsError,
  type ChatModel,
  type ChatRequest,
  type ChatStreamPart,
  type ChatStreamResult,
  type EffortLevel,
  effortRank,
  type ModelInfo,
  type Provider,
} from '@ccs/core';

/** One scripted upstream answer: parts to stream, or an error before the first output. */
export type Script =
  | {
      parts: ChatStreamPart[];
      delayMs?: number;
      forAccount?: string;
      /** What the chat model reports it could not send (strings, the old form, or typed). */
      warnings?: ChatStreamResult['warnings'];
    }
  | { reject: CcsError; forAccount?: string }
  | { hang: true; forAccount?: string };

export interface Call {
  account: string;
  request: ChatRequest;
  signal: AbortSignal | undefined;
}

const MODELS: ModelInfo[] = [
  {
    id: 'gpt-5-codex',
    displayName: 'GPT-5 Codex',
    effort: { supported: ['low', 'medium', 'high'], default: 'medium', max: 'high' },
    source: 'static',
  },
  {
    id: 'gpt-5-codex-mini',
    displayName: 'GPT-5 Codex Mini',
    effort: { supported: ['medium', 'high'], default: 'medium', max: 'high' },
    source: 'static',
  },
  {
    id: 'gpt-5.4',
    displayName: 'GPT-5.4',
    effort: { supported: ['low', 'medium', 'high', 'xhigh'], default: 'medium', max: 'xhigh' },
    plans: ['plus', 'pro'],
    source: 'static',
  },
];
const SLOT: Record<string, EffortLevel> = {
  default: 'xhigh',
  opus: 'xhigh',
  sonnet: 'high',
  haiku: 'medium',
};

export const textParts = (text: string, usage = { inputTokens: 10, outputTokens: 5 }): ChatStreamPart[] => [
  { type: 'stream-start', id: 'resp_1', modelId: 'gpt-5.4' },
  { type: 'text-start', id: 't1' },
  ...text
    .split(' ')
    .map((word, i): ChatStreamPart => ({ type: 'text-delta', id: 't1', delta: i ? ` ${word}` : word })),
  { type: 'text-end', id: 't1' },
  { type: 'finish', reason: 'stop', usage },
];

/** A provider whose chat model replays scripts, to test the proxy without any upstream. */
export function createFakeProvider(accountNames: string[] = ['john']) {
  const scripts: Script[] = [];
  const calls: Call[] = [];
  const accounts: AccountInfo[] = accountNames.map((name, i) => ({
    id: `id-${name}`,
    providerId: 'codex',
    nickname: name,
    email: `${name}@example.com`,
    plan: 'pro',
    isDefault: i === 0,
    createdAt: '2026-01-01T00:00:00Z',
  }));
  const chatModel = (modelId: string, account: AccountInfo): ChatModel => ({
    specificationVersion: 'v1',
    providerId: 'codex',
    modelId,
    async stream(request, options = {}) {
      calls.push({ account: account.nickname, request, signal: options.signal });
      const index = scripts.findIndex((s) => !s.forAccount || s.forAccount === account.nickname);
      const script: Script =
        index === -1 ? { parts: textParts('Hello from the fake.') } : scripts.splice(index, 1)[0]!;
      if ('reject' in script) throw script.reject;
      if ('hang' in script) {
        async function* hang(): AsyncGenerator<ChatStreamPart> {
          yield { type: 'stream-start' };
          yield { type: 'text-start', id: 'h' };
          yield { type: 'text-delta', id: 'h', delta: 'waiting' };
          await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve()));
        }
        return { stream: hang(), responseHeaders: {}, warnings: [] };
      }
      async function* replay(): AsyncGenerator<ChatStreamPart> {
        for (const part of (script as { parts: ChatStreamPart[] }).parts) {
          const delay = (script as { delayMs?: number }).delayMs;
          if (delay) await new Promise((r) => setTimeout(r, delay));
          yield part;
        }
      }
      return {
        stream: replay(),
        responseHeaders: {},
        warnings: (script as { warnings?: ChatStreamResult['warnings'] }).warnings ?? [],
      };
    },
  });
  const provider: Provider = {
    specificationVersion: 'v1',
    id: 'codex',
    displayName: 'OpenAI Codex',
    authStrategies: [],
    accounts: {
      list: async () => accounts,
      getDefault: async () => accounts[0],
      resolve: async (name) => {
        const found = accounts.find((a) => a.nickname === name || a.email === name || a.id === name);
        if (!found) throw new CcsError('USAGE', `Unknown account ${name}.`);
        return found;
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
      isAvailable: () => true,
      // The one catalog-known repair this fake knows: the paid gpt-5.4 on a plan without it.
      repairModel: (id) =>
        id === 'gpt-5.4'
          ? { to: 'gpt-5-codex', reason: 'plan', message: 'gpt-5.4 is not on this plan; using gpt-5-codex' }
          : undefined,
    },
    effortPolicy: {
      specificationVersion: 'v1',
      resolve(req) {
        const model = MODELS.find((m) => m.id === req.modelId);
        const requested = req.requested ?? SLOT[req.slot ?? 'default'] ?? 'medium';
        const source = req.requested ? (req.source ?? 'explicit') : 'slot-default';
        const max = model?.effort.max ?? 'xhigh';
        const capped = effortRank(requested) > effortRank(max);
        const effort = capped ? max : requested;
        const warnings =
          capped && source !== 'slot-default' ? [`reasoning.effort ${requested} capped to ${effort}`] : [];
        return { effort, requested, source, capped, warnings };
      },
    },
    chatModel,
  };
  return { provider, scripts, calls, accounts };
}
