import {
  effortRank,
  MODEL_SLOTS,
  type ModelInfo,
  type ModelSlot,
  splitEffortSuffix,
  USER_EFFORT_LEVELS,
  type UserEffortLevel,
} from '@ccs/core';
import { type ProviderSettingsData, type SettingsKeys, SLOT_ENV_KEYS } from './provider-settings-schema.js';

export interface PickerOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

/** Who may use the model, in words ("all plans", "paid plans"), as the provider describes it. */
export function planAvailability(model: ModelInfo): string {
  return model.availability ?? (model.plans ? 'some plans' : 'all plans');
}

/**
 * The catalog as picker options, in the list's order: name and id, plan availability, max effort, the
 * provider's note; a model the account's plan cannot use is marked. Hidden and retired models are left out.
 */
export function modelOptions(models: readonly ModelInfo[], plan: string | undefined): PickerOption<string>[] {
  const value = plan?.trim().toLowerCase();
  return models
    .filter((model) => !model.hidden && !model.retired)
    .map((model) => {
      const parts = [planAvailability(model), `max effort ${model.effort.max}`];
      if (model.inputModalities && !model.inputModalities.includes('image')) parts.push('text only');
      if (model.notes) parts.push(model.notes);
      if (value && model.plans && !model.plans.includes(value)) parts.push(`not on your ${value} plan`);
      return { value: model.id, label: `${model.displayName} (${model.id})`, hint: parts.join(' · ') };
    });
}

export type EffortChoice = UserEffortLevel | 'auto';

const DESCRIBE_EFFORT: Record<UserEffortLevel, string> = {
  low: 'fastest, least reasoning',
  medium: 'standard reasoning',
  high: 'deep reasoning',
  xhigh: 'extra deep reasoning',
  max: 'maximum depth (newest models)',
  ultra: 'longest reasoning (newest models)',
};

export function effortOptions(chosen: readonly ModelInfo[]): PickerOption<EffortChoice>[] {
  const lowestMax = chosen.reduce<ModelInfo | undefined>(
    (low, model) => (!low || effortRank(model.effort.max) < effortRank(low.effort.max) ? model : low),
    undefined,
  );
  const capNote = (level: UserEffortLevel) =>
    lowestMax && effortRank(level) > effortRank(lowestMax.effort.max)
      ? `capped to ${lowestMax.effort.max} on ${lowestMax.id}`
      : undefined;
  return [
    {
      value: 'auto',
      label: 'auto',
      hint: 'per slot: default/opus xhigh, sonnet high, haiku medium (capped per model)',
    },
    ...USER_EFFORT_LEVELS.map((level) => ({
      value: level,
      label: level,
      hint: [DESCRIBE_EFFORT[level], capNote(level)].filter(Boolean).join(' · '),
    })),
  ];
}

export interface PickerChoice {
  models: Record<ModelSlot, string>;
  effort: EffortChoice;
}

/** Writes the choice into the settings: the four model variables and the provider's effort variable; all else kept. */
export function applyPickerChoice(
  data: ProviderSettingsData,
  choice: PickerChoice,
  keys: SettingsKeys,
): ProviderSettingsData {
  const env = { ...(data.env ?? {}) };
  for (const [slot, key] of Object.entries(SLOT_ENV_KEYS) as Array<[ModelSlot, string]>)
    env[key] = choice.models[slot];
  if (choice.effort === 'auto') delete env[keys.effort];
  else env[keys.effort] = choice.effort;
  return { ...data, env };
}

/** The current model of a slot, without its effort suffix (what the picker preselects). */
export function currentModel(value: string): string {
  return splitEffortSuffix(value).modelId;
}

/** What to tell someone running --config without a terminal: the file and an example from the list. */
export function nonInteractiveConfigHelp(
  file: string,
  models: readonly ModelInfo[],
  defaults: Readonly<Record<ModelSlot, string>>,
  keys: SettingsKeys,
): string[] {
  const example = {
    env: {
      ...Object.fromEntries(MODEL_SLOTS.map((slot) => [SLOT_ENV_KEYS[slot], defaults[slot]])),
      [keys.effort]: 'high',
    },
  };
  const offered = models.filter((model) => !model.hidden && !model.retired);
  const width = Math.max(22, ...offered.map((model) => model.id.length + 1));
  return [
    `ccs ${keys.providerId} --config is interactive and needs a terminal (stdin and stdout).`,
    `Set the models by editing ${file}, for example:`,
    ...JSON.stringify(example, null, 2)
      .split('\n')
      .map((line) => `  ${line}`),
    `${keys.effort} is optional (${USER_EFFORT_LEVELS.join(', ')}); without it each slot uses its default.`,
    `A model may carry an effort suffix, e.g. ${defaults.default}-high. Models:`,
    ...offered.map(
      (model) => `  ${model.id.padEnd(width)} ${planAvailability(model)}, max effort ${model.effort.max}`,
    ),
    `For one run only: ccs ${keys.providerId} --effort <level>.`,
  ];
}
