import type { AccountInfo, ModelSlot, Provider, UserEffortLevel } from '@ccs/core';
import { formatModelRepairNotices, repairConfiguredModels } from '../settings/plan-aware-defaults.js';
import { loadProviderSettings, updateProviderSettings } from '../settings/provider-settings-file.js';
import {
  foreignSettingsKeys,
  type ProviderSettingsView,
  settingsKeysOf,
  slotDefaultsOf,
  viewProviderSettings,
} from '../settings/provider-settings-schema.js';
import { assertKnownModels } from './assert-known-models.js';
import { effortFromEnv, fastFromEnv } from './effort-from-env.js';
import { type LaunchModels, resolveLaunchModels } from './resolve-launch-models.js';

export interface PrepareLaunchModelsArgs {
  provider: Provider;
  /** The account the session uses (its plan drives defaults and repair); undefined = none yet. */
  account: AccountInfo | undefined;
  settingsFile: string;
  /** --effort / --thinking. */
  effortFlag?: UserEffortLevel | undefined;
  /** --fast. */
  fastFlag?: boolean | undefined;
  /** Claude Code's arguments: a `--model` among them must name a known model too. */
  claudeArgs?: readonly string[];
  /** Every loaded provider, for `<provider>/<model>` names in the settings or --model. */
  providers?: ReadonlyMap<string, Provider>;
  env: Readonly<Record<string, string | undefined>>;
  /** Where notices and warnings go (one line each). */
  notice: (line: string) => void;
  warn: (line: string) => void;
  /** false: never write the settings file (e.g. `ccs env <provider>` printing only). Default true. */
  persist?: boolean;
}

export interface PreparedLaunchModels extends LaunchModels {
  settings: ProviderSettingsView;
  settingsFile: string;
  /** The name Claude Code gets per slot (model + effective effort suffix). */
  claudeModels: Record<ModelSlot, string>;
  settingsCreated: boolean;
  /** --effort, else CCS_<ID>_EFFORT from the environment: what the proxy applies to any other model name. */
  effortOverride?: UserEffortLevel;
  /** --fast, else CCS_<ID>_FAST from the environment, else from the settings file. */
  fast: boolean;
}

/**
 * Settings → models per slot, as `ccs <provider>` launches them: creates the settings file on first use
 * with the provider's defaults for the account's plan, repairs configured models the account cannot use
 * (saved, one line each naming both models), refuses a model nobody knows (exit 2, with the closest
 * names), then decides effort per slot. Reads only local files and cached lists: no network.
 */
export async function prepareLaunchModels(args: PrepareLaunchModelsArgs): Promise<PreparedLaunchModels> {
  const persist = args.persist !== false;
  const catalog = args.provider.modelCatalog;
  const plan = args.account?.plan;
  const defaults = slotDefaultsOf(catalog, plan);
  const keys = settingsKeysOf(args.provider.id);
  const loaded = await loadProviderSettings(args.settingsFile, keys, { create: persist, defaults });
  let data = loaded.data;
  const context = {
    catalog,
    policy: args.provider.effortPolicy,
    account: { id: args.account?.id, plan },
  };
  const repair = repairConfiguredModels(data, context);
  if (repair.changes.length > 0) {
    if (persist) {
      // Re-applied to the file's current content under its lock, so a concurrent edit is not lost.
      data = await updateProviderSettings(args.settingsFile, keys, (current) => {
        const again = repairConfiguredModels(current, context);
        return again.changes.length > 0 ? again.data : undefined;
      });
    } else {
      data = repair.data;
    }
    for (const line of formatModelRepairNotices(repair.changes, persist ? args.settingsFile : undefined))
      args.notice(line);
  }
  const settings = viewProviderSettings(data, defaults, keys);
  for (const key of foreignSettingsKeys(data, keys)) {
    const own = key.endsWith('_EFFORT') ? keys.effort : keys.fast;
    args.warn(`${key} in ${args.settingsFile} is not read for ${args.provider.id}; its name here is ${own}.`);
  }
  assertKnownModels({
    provider: args.provider,
    providers: args.providers,
    models: settings.models,
    defaulted: settings.defaulted,
    settingsFile: args.settingsFile,
    claudeArgs: args.claudeArgs ?? [],
    plan,
  });
  const effortOverride = args.effortFlag ?? effortFromEnv(args.env, args.provider.id);
  const models = resolveLaunchModels({
    models: settings.models,
    effortFlag: effortOverride,
    settingsEffort: settings.effort,
    policy: args.provider.effortPolicy,
    catalog,
  });
  const claudeModels = Object.fromEntries(
    Object.entries(models.slots).map(([slot, s]) => [slot, s.claudeModel]),
  ) as Record<ModelSlot, string>;
  return {
    ...models,
    settings,
    settingsFile: args.settingsFile,
    claudeModels,
    settingsCreated: loaded.created,
    ...(effortOverride ? { effortOverride } : {}),
    fast: args.fastFlag ?? fastFromEnv(args.env, args.provider.id) ?? settings.fast ?? false,
  };
}
