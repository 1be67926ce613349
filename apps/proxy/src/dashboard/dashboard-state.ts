import { createHash } from 'node:crypto';
import {
  type AccountInfo,
  type Provider,
  quotaCreditsJson,
  quotaCreditsJsonSchema,
  quotaErrorJsonSchema,
  quotaWindowJson,
  quotaWindowJsonSchema,
  suggestionWithHint,
  toCcsError,
} from '@ccs/core/internal';
import { z } from 'zod';
import { slotModelsState } from './dashboard-models.js';
import type { DashboardOptions } from './dashboard-options.js';
import { SIGN_IN_METHODS, signInMethods } from './sign-in-methods.js';

/** What GET /api/dashboard/state answers. Strict: nothing else (no token, no account id) can slip in. */
const accountSchema = z.strictObject({
  /** An opaque handle for POST /api/dashboard/default: a hash, never the account id itself. */
  key: z.string(),
  nickname: z.string(),
  email: z.string().nullable(),
  plan: z.string().nullable(),
  default: z.boolean(),
  lastUsedAt: z.string().nullable(),
  fetchedAt: z.string().nullable(),
  cached: z.boolean(),
  // The same window, credits and error JSON as `ccs cliproxy quota --json` (one schema, in @ccs/core).
  windows: z.array(quotaWindowJsonSchema),
  weeklyResetAt: z.string().nullable(),
  credits: quotaCreditsJsonSchema,
  error: quotaErrorJsonSchema,
});

const slotSchema = z.strictObject({
  slot: z.string(),
  /** As shown: `gpt-5.4 (high)` for a model with an effort suffix. */
  model: z.string(),
  /** The catalog id and the slot's own effort (its suffix), for the editor. */
  modelId: z.string(),
  slotEffort: z.string().nullable(),
  displayName: z.string().nullable(),
  maxEffort: z.string().nullable(),
  /** Plans the model is available on; null = every plan. */
  plans: z.array(z.string()).nullable(),
});

export const dashboardStateSchema = z.strictObject({
  generatedAt: z.string(),
  providers: z.array(
    z.strictObject({
      id: z.string(),
      displayName: z.string(),
      reportsQuota: z.boolean(),
      accounts: z.array(accountSchema),
      /** How to add an account: the page's ways (from the provider's auth strategies) and the CLI's. */
      signIn: z.strictObject({
        methods: z.array(z.enum(SIGN_IN_METHODS)),
        command: z.string(),
      }),
      models: z
        .strictObject({
          source: z.string(),
          effort: z.string().nullable(),
          slots: z.array(slotSchema),
        })
        .nullable(),
      modelsError: z.string().nullable(),
    }),
  ),
  /** Whether the page may add accounts and edit the models (the server was given how). */
  canSignIn: z.boolean(),
  canEditModels: z.boolean(),
});

export type DashboardState = z.output<typeof dashboardStateSchema>;
export type DashboardAccount = z.output<typeof accountSchema>;

/** Stable per account, not reversible to its id. */
export function accountKey(providerId: string, accountId: string): string {
  return createHash('sha256').update(`${providerId}\0${accountId}`).digest('hex').slice(0, 16);
}

const SIGN_IN_CODES = new Set(['AUTH_REQUIRED', 'AUTH_FAILED', 'AUTH_REFRESH_FAILED', 'LOGIN_FAILED']);

function errorInfo(error: unknown, providerId: string): NonNullable<DashboardAccount['error']> {
  const e = toCcsError(error);
  const action = SIGN_IN_CODES.has(e.code)
    ? `reauth needed: run ccs ${providerId} --auth`
    : (suggestionWithHint(e, providerId) ?? 'Try again in a moment.');
  return { code: e.code, message: e.message, action };
}

async function accountState(
  provider: Provider,
  account: AccountInfo,
  refresh: boolean,
): Promise<DashboardAccount> {
  const base = {
    key: accountKey(provider.id, account.id),
    nickname: account.nickname,
    email: account.email ?? null,
    plan: account.plan ?? null,
    default: account.isDefault,
    lastUsedAt: account.lastUsedAt ?? null,
    fetchedAt: null,
    cached: false,
    windows: [],
    weeklyResetAt: null,
    credits: null,
    error: null,
  };
  if (!provider.quotaSource) return base;
  try {
    // The provider's own cache (2 minutes for Codex) answers inside its window; refresh skips it.
    const snap = await provider.quotaSource.snapshot(account.id, { refresh });
    return {
      ...base,
      plan: snap.plan ?? base.plan,
      fetchedAt: snap.fetchedAt,
      cached: snap.cached,
      windows: snap.windows.map((w) => quotaWindowJson(w, provider.id)),
      weeklyResetAt: snap.weeklyResetAt,
      credits: quotaCreditsJson(snap.credits),
    };
  } catch (error) {
    return { ...base, error: errorInfo(error, provider.id) };
  }
}

async function modelsState(
  provider: Provider,
  load: DashboardOptions['loadSlotModels'],
): Promise<Pick<DashboardState['providers'][number], 'models' | 'modelsError'>> {
  if (!load) return { models: null, modelsError: null };
  try {
    return { models: slotModelsState(provider, await load(provider)), modelsError: null };
  } catch (error) {
    const e = toCcsError(error);
    const advice = suggestionWithHint(e, provider.id);
    return { models: null, modelsError: advice ? `${e.message} ${advice}` : e.message };
  }
}

async function providerState(provider: Provider, refresh: boolean, load: DashboardOptions['loadSlotModels']) {
  let accounts: AccountInfo[] = [];
  try {
    accounts = await provider.accounts.list();
  } catch {
    accounts = []; // an unreadable registry shows as "no accounts"; the CLI says why
  }
  return {
    id: provider.id,
    displayName: provider.displayName,
    reportsQuota: provider.quotaSource !== undefined,
    // In parallel: one slow account never holds up the others.
    accounts: await Promise.all(accounts.map((a) => accountState(provider, a, refresh))),
    signIn: { methods: signInMethods(provider), command: `ccs ${provider.id} --auth` },
    ...(await modelsState(provider, load)),
  };
}

/** Everything the page shows, validated before it is sent. */
export async function buildDashboardState(
  options: Pick<DashboardOptions, 'providers' | 'loadSlotModels' | 'saveSlotModels' | 'login' | 'now'>,
  refresh: boolean,
): Promise<DashboardState> {
  const providers = await Promise.all(
    [...options.providers.values()].map((p) => providerState(p, refresh, options.loadSlotModels)),
  );
  return dashboardStateSchema.parse({
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    providers,
    canSignIn: options.login !== undefined,
    canEditModels: options.saveSlotModels !== undefined && options.loadSlotModels !== undefined,
  });
}
