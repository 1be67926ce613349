import { type AccountInfo, MODEL_SLOTS, type ModelInfo, type ModelSlot } from '@ccs/core';
import { createCliHost } from '../../host/create-cli-host.js';
import { terminal } from '../../output/terminal.js';

import {
  applyPickerChoice,
  currentModel,
  type EffortChoice,
  effortOptions,
  modelOptions,
  nonInteractiveConfigHelp,
  type PickerOption,
} from '../../settings/config-picker-model.js';
import { loadProviderSettings, updateProviderSettings } from '../../settings/provider-settings-file.js';
import {
  settingsKeysOf,
  slotDefaultsOf,
  viewProviderSettings,
} from '../../settings/provider-settings-schema.js';
import type { ProviderArgs } from './parse-provider-args.js';

/** The prompt functions the picker uses (@clack/prompts by default; tests inject their own). */
export interface PickerPrompts {
  intro(title: string): void;
  select<V extends string>(options: {
    message: string;
    options: PickerOption<V>[];
    initialValue?: V;
  }): Promise<V | symbol>;
  confirm(options: { message: string; initialValue?: boolean }): Promise<boolean | symbol>;
  note(message: string, title?: string): void;
  outro(message: string): void;
  cancel(message: string): void;
  isCancel(value: unknown): value is symbol;
}

export interface ConfigPickerDeps {
  prompts?: PickerPrompts;
  /** Both stdin and stdout must be terminals (default: process streams). */
  interactive?: boolean;
  env?: Record<string, string | undefined>;
}

class Cancelled extends Error {}

async function loadPrompts(): Promise<PickerPrompts> {
  const clack = await import('@clack/prompts');
  return {
    intro: (title) => clack.intro(title),
    select: (options) => clack.select(options as Parameters<typeof clack.select>[0]) as never,
    confirm: (options) => clack.confirm(options),
    note: (message, title) => clack.note(message, title),
    outro: (message) => clack.outro(message),
    cancel: (message) => clack.cancel(message),
    isCancel: (value): value is symbol => clack.isCancel(value),
  };
}

/**
 * `ccs <provider> --config`: pick the default model (optionally one per slot) and the default effort
 * from the provider's catalog, and write `<provider>.settings.json`. Without a terminal it explains how to edit the file
 * and exits 2 instead of waiting for input that never comes.
 */
export async function runConfigPicker(
  args: Pick<ProviderArgs, 'providerId'>,
  deps: ConfigPickerDeps = {},
): Promise<number> {
  const host = await createCliHost({ ...(deps.env ? { env: deps.env } : {}) });
  try {
    const file = host.paths.settingsFile(args.providerId);
    const provider = host.provider(args.providerId);
    const keys = settingsKeysOf(provider.id);
    const interactive = deps.interactive ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
    if (!interactive) {
      const plan = (await provider.accounts.getDefault().catch(() => undefined))?.plan;
      const offline = provider.modelCatalog.offlineModels?.({ plan }) ?? provider.modelCatalog.staticModels();
      for (const line of nonInteractiveConfigHelp(
        file,
        offline,
        slotDefaultsOf(provider.modelCatalog, plan),
        keys,
      ))
        terminal.err(line);
      return 2;
    }
    const account: AccountInfo | undefined = await provider.accounts.getDefault().catch(() => undefined);
    // The live list is the authority (refreshed here when stale); offline it is the cached or compiled one.
    const models: ModelInfo[] = account
      ? await provider.modelCatalog.list({ accountId: account.id, signal: AbortSignal.timeout(5_000) })
      : (provider.modelCatalog.offlineModels?.() ?? provider.modelCatalog.staticModels());
    const { data } = await loadProviderSettings(file, keys, { create: false });
    const current = viewProviderSettings(data, slotDefaultsOf(provider.modelCatalog, account?.plan), keys);
    const prompts = deps.prompts ?? (await loadPrompts());

    const ask = async <V extends string>(message: string, options: PickerOption<V>[], initial: string) => {
      const initialValue = options.find((o) => o.value === initial)?.value;
      const value = await prompts.select<V>({ message, options, ...(initialValue ? { initialValue } : {}) });
      if (prompts.isCancel(value)) throw new Cancelled();
      return value;
    };

    prompts.intro(`${provider.displayName} models for Claude Code`);
    const plan = account?.plan;
    const options = modelOptions(models, plan);
    try {
      const chosen = { ...current.models };
      const main = await ask(
        'Default model (default, opus and sonnet slots)',
        options,
        currentModel(current.models.default),
      );
      chosen.default = main;
      chosen.opus = main;
      chosen.sonnet = main;
      chosen.haiku = currentModel(current.models.haiku);
      const perSlot = await prompts.confirm({
        message: 'Choose a different model per slot (opus, sonnet, haiku)?',
        initialValue: false,
      });
      if (prompts.isCancel(perSlot)) throw new Cancelled();
      if (perSlot) {
        for (const slot of ['opus', 'sonnet', 'haiku'] as ModelSlot[]) {
          chosen[slot] = await ask(`Model for the ${slot} slot`, options, currentModel(current.models[slot]));
        }
      }
      const chosenInfo = MODEL_SLOTS.map((slot) => models.find((m) => m.id === chosen[slot])).filter(
        (m): m is ModelInfo => m !== undefined,
      );
      const effort = await ask<EffortChoice>(
        'Default reasoning effort',
        effortOptions(chosenInfo),
        current.effort ?? 'auto',
      );
      await updateProviderSettings(file, keys, (latest) =>
        applyPickerChoice(latest, { models: chosen, effort }, keys),
      );
      prompts.note(
        MODEL_SLOTS.map((slot) => `${slot.padEnd(7)} ${chosen[slot]}`).join('\n') + `\neffort  ${effort}`,
        'Saved',
      );
      prompts.outro(`Written to ${file}. Start a session with: ccs ${args.providerId}`);
      return 0;
    } catch (error) {
      if (error instanceof Cancelled) {
        prompts.cancel('No changes made.');
        return 130;
      }
      throw error;
    }
  } finally {
    await host.dispose();
  }
}
