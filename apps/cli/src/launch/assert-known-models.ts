import { type ModelSlot, type Provider, splitEffortSuffix, usageError } from '@ccs/core';
import { closestNames } from '@ccs/core/internal';
import { SLOT_ENV_KEYS } from '../settings/provider-settings-schema.js';

/** Claude Code's own model aliases: the proxy maps them to the slots, so they are never "unknown". */
const CLAUDE_ALIASES = new Set([
  'default',
  'sonnet',
  'opus',
  'haiku',
  'opusplan',
  'best',
  'sonnet[1m]',
  'opus[1m]',
]);

export interface AssertKnownModelsArgs {
  provider: Provider;
  providers?: ReadonlyMap<string, Provider> | undefined;
  models: Readonly<Record<ModelSlot, string>>;
  /** Slots filled from the provider's defaults (not written by the user). */
  defaulted: readonly ModelSlot[];
  settingsFile: string;
  claudeArgs: readonly string[];
  plan?: string | undefined;
}

/** The value of `--model X` / `--model=X` among Claude Code's arguments (the last one wins, as in Claude Code). */
function modelArgument(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '--model' && args[i + 1] !== undefined) found = args[++i];
    else if (arg.startsWith('--model=')) found = arg.slice('--model='.length);
  }
  return found;
}

function isKnown(name: string, provider: Provider, providers: ReadonlyMap<string, Provider> | undefined) {
  const slash = name.indexOf('/');
  const other = slash > 0 ? providers?.get(name.slice(0, slash)) : undefined;
  const owner = other ?? provider;
  const bare = other ? name.slice(slash + 1) : name;
  const known = (id: string) => owner.modelCatalog.get(id) !== undefined;
  return known(splitEffortSuffix(bare, known).modelId);
}

/**
 * A model name no loaded provider knows is refused before Claude Code starts (exit 2), naming the
 * closest known names, instead of being sent to the default provider after the prompt was typed.
 * Known means: in the provider's catalog (any list it has seen, or its compiled one, retired included).
 */
export function assertKnownModels(args: AssertKnownModelsArgs): void {
  const unknown: Array<{ name: string; where: string }> = [];
  for (const [slot, value] of Object.entries(args.models) as Array<[ModelSlot, string]>) {
    if (args.defaulted.includes(slot) || isKnown(value, args.provider, args.providers)) continue;
    if (!unknown.some((entry) => entry.name === value))
      unknown.push({ name: value, where: `${SLOT_ENV_KEYS[slot]} in ${args.settingsFile}` });
  }
  const flag = modelArgument(args.claudeArgs);
  if (
    flag !== undefined &&
    !CLAUDE_ALIASES.has(flag.toLowerCase()) &&
    !flag.toLowerCase().startsWith('claude') &&
    !isKnown(flag, args.provider, args.providers)
  ) {
    unknown.push({ name: flag, where: '--model' });
  }
  const first = unknown[0];
  if (!first) return;
  const catalog = args.provider.modelCatalog;
  const offered = (catalog.offlineModels?.({ plan: args.plan }) ?? catalog.staticModels())
    .filter((model) => !model.hidden && !model.retired)
    .map((model) => model.id);
  const bare = splitEffortSuffix(first.name).modelId;
  throw usageError(
    `${first.name} (${first.where}) is not a ${args.provider.displayName} model; nothing was sent.`,
    `Closest known models: ${closestNames(bare, offered).join(', ')}. Pick one with: ccs ${args.provider.id} --config`,
  );
}
