import type { AccountInfo, ModelSlot, Provider, UserEffortLevel } from '@ccs/core';
import { type CodexSettingsView, viewCodexSettings } from '../settings/codex-settings.js';
import { loadCodexSettings, updateCodexSettings } from '../settings/codex-settings-file.js';
import { applyPlanAwareDefaults, formatPlanRepairNotice } from '../settings/plan-aware-defaults.js';
import { effortFromEnv } from './effort-from-env.js';
import { type LaunchModels, resolveLaunchModels } from './resolve-launch-models.js';

export interface PrepareCodexModelsArgs {
  provider: Provider;
  /** The account the session uses (its plan drives the plan-aware repair); undefined = none yet. */
  account: AccountInfo | undefined;
  settingsFile: string;
  /** --effort / --thinking. */
  effortFlag?: UserEffortLevel | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Where notices and warnings go (one line each). */
  notice: (line: string) => void;
  warn: (line: string) => void;
  /** false: never write the settings file (e.g. `ccs env codex` printing only). Default true. */
  persist?: boolean;
}

export interface PreparedCodexModels extends LaunchModels {
  settings: CodexSettingsView;
  settingsFile: string;
  /** The name Claude Code gets per slot (model + effective effort suffix). */
  claudeModels: Record<ModelSlot, string>;
  settingsCreated: boolean;
  /** --effort, else CCS_CODEX_EFFORT from the environment: what the proxy applies to any other model name. */
  effortOverride?: UserEffortLevel;
}

/**
 * Settings → models per slot, as `ccs codex` launches them: creates codex.settings.json on first use,
 * applies the plan-aware defaults (free plan: rewrite and save with a one-line notice; unknown plan:
 * keep and warn), then decides effort per slot. Reads only local files: no network.
 */
export async function prepareCodexModels(args: PrepareCodexModelsArgs): Promise<PreparedCodexModels> {
  const persist = args.persist !== false;
  const loaded = await loadCodexSettings(args.settingsFile, { create: persist });
  let data = loaded.data;
  const account = { plan: args.account?.plan, label: args.account?.nickname };
  if (args.account) {
    const repair = applyPlanAwareDefaults(data, account);
    for (const line of repair.warnings) args.warn(line);
    if (repair.changes.length > 0) {
      if (persist) {
        // Re-applied to the file's current content under its lock, so a concurrent edit is not lost.
        data = await updateCodexSettings(args.settingsFile, (current) => {
          const again = applyPlanAwareDefaults(current, account);
          return again.changes.length > 0 ? again.data : undefined;
        });
        args.notice(formatPlanRepairNotice(repair.changes, args.settingsFile));
      } else {
        data = repair.data;
      }
    }
  }
  const settings = viewCodexSettings(data);
  const effortOverride = args.effortFlag ?? effortFromEnv(args.env);
  const models = resolveLaunchModels({
    models: settings.models,
    effortFlag: effortOverride,
    settingsEffort: settings.effort,
    policy: args.provider.effortPolicy,
    catalog: args.provider.modelCatalog,
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
  };
}
