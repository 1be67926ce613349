import { type ModelInfo, type ModelSlot, USER_EFFORT_LEVELS, type UserEffortLevel } from '@ccs/core';
import { isFreePlan, splitCodexModelSuffix } from '@ccs/provider-codex/internal';
import { type CodexSettingsData, SETTINGS_EFFORT_KEY, SLOT_ENV_KEYS } from './codex-settings.js';

export interface PickerOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

/** "every plan" / "paid plans" as the provider page says it. */
export function planAvailability(model: ModelInfo): string {
  if (!model.plans) return 'every plan';
  return model.plans.some((plan) => isFreePlan(plan) === true)
    ? `plans: ${model.plans.join(', ')}`
    : 'paid plans';
}

/** The catalog as picker options: name and id, plan availability, max effort, the page's note. */
export function modelOptions(models: readonly ModelInfo[], plan: string | undefined): PickerOption<string>[] {
  const free = isFreePlan(plan) === true;
  return models
    .filter((model) => !model.hidden)
    .map((model) => {
      const paidOnly = model.plans !== undefined && !model.plans.some((p) => isFreePlan(p) === true);
      const parts = [planAvailability(model), `max effort ${model.effort.max}`];
      if (model.notes && model.notes !== 'Paid Codex plans') parts.push(model.notes);
      if (free && paidOnly) parts.push('not on your free plan');
      return { value: model.id, label: `${model.displayName} (${model.id})`, hint: parts.join(' · ') };
    });
}

export type EffortChoice = UserEffortLevel | 'auto';

export function effortOptions(chosen: readonly ModelInfo[]): PickerOption<EffortChoice>[] {
  const lowestMax = chosen.reduce<ModelInfo | undefined>(
    (low, model) =>
      !low ||
      USER_EFFORT_LEVELS.indexOf(model.effort.max as UserEffortLevel) <
        USER_EFFORT_LEVELS.indexOf(low.effort.max as UserEffortLevel)
        ? model
        : low,
    undefined,
  );
  const capNote = (level: UserEffortLevel) =>
    lowestMax &&
    USER_EFFORT_LEVELS.indexOf(level) > USER_EFFORT_LEVELS.indexOf(lowestMax.effort.max as UserEffortLevel)
      ? `capped to ${lowestMax.effort.max} on ${lowestMax.id}`
      : undefined;
  const describe: Record<UserEffortLevel, string> = {
    low: 'fastest, least reasoning',
    medium: 'standard reasoning',
    high: 'deep reasoning',
    xhigh: 'maximum depth',
  };
  return [
    {
      value: 'auto',
      label: 'auto',
      hint: 'per slot: default/opus xhigh, sonnet high, haiku medium (capped per model)',
    },
    ...USER_EFFORT_LEVELS.map((level) => ({
      value: level,
      label: level,
      hint: [describe[level], capNote(level)].filter(Boolean).join(' · '),
    })),
  ];
}

export interface PickerChoice {
  models: Record<ModelSlot, string>;
  effort: EffortChoice;
}

/** Writes the choice into the settings: the four model variables and CCS_CODEX_EFFORT; all else kept. */
export function applyPickerChoice(data: CodexSettingsData, choice: PickerChoice): CodexSettingsData {
  const env = { ...(data.env ?? {}) };
  for (const [slot, key] of Object.entries(SLOT_ENV_KEYS) as Array<[ModelSlot, string]>)
    env[key] = choice.models[slot];
  if (choice.effort === 'auto') delete env[SETTINGS_EFFORT_KEY];
  else env[SETTINGS_EFFORT_KEY] = choice.effort;
  return { ...data, env };
}

/** The current model of a slot, without its effort suffix (what the picker preselects). */
export function currentModel(value: string): string {
  return splitCodexModelSuffix(value).modelId;
}

/** What to tell someone running --config without a terminal: the file and an example. */
export function nonInteractiveConfigHelp(file: string, models: readonly ModelInfo[]): string[] {
  const example = {
    env: {
      ANTHROPIC_MODEL: 'gpt-5-codex',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5-codex',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5-codex',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
      [SETTINGS_EFFORT_KEY]: 'high',
    },
  };
  return [
    'ccs codex --config is interactive and needs a terminal (stdin and stdout).',
    `Set the models by editing ${file}, for example:`,
    ...JSON.stringify(example, null, 2)
      .split('\n')
      .map((line) => `  ${line}`),
    `${SETTINGS_EFFORT_KEY} is optional (${USER_EFFORT_LEVELS.join(', ')}); without it each slot uses its default.`,
    'A model may carry an effort suffix, e.g. gpt-5.3-codex-high. Models:',
    ...models
      .filter((model) => !model.hidden)
      .map((model) => `  ${model.id.padEnd(22)} ${planAvailability(model)}, max effort ${model.effort.max}`),
    'For one run only: ccs codex --effort <level>.',
  ];
}
