import {
  CcsError,
  closestNames,
  joinEffortSuffix,
  MODEL_SLOTS,
  type Provider,
  USER_EFFORT_LEVELS,
  type UserEffortLevel,
  usageError,
} from '@ccs/core/internal';
import { z } from 'zod';
import { catalogModels, effortLadder, offeredModels, userEfforts } from './dashboard-catalog.js';
import type { DashboardSlotChange } from './dashboard-options.js';

/**
 * POST /api/dashboard/models: one slot's model and effort (`effort: null` = the model's default), or,
 * without `slot`, the provider's default effort (`null` clears it).
 */
export const slotEditSchema = z.union([
  z.strictObject({
    provider: z.string().max(100),
    slot: z.enum(MODEL_SLOTS),
    model: z.string().min(1).max(200),
    effort: z.string().max(20).nullable(),
  }),
  z.strictObject({
    provider: z.string().max(100),
    effort: z.string().max(20).nullable(),
  }),
]);
export type SlotEdit = z.output<typeof slotEditSchema>;

const list = (items: readonly string[]) => items.join(', ') || 'none';

function asEffort(value: string, allowed: readonly UserEffortLevel[], what: string): UserEffortLevel {
  const effort = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(effort))
    throw usageError(
      `"${value}" is not an effort ${what} (it takes: ${list(allowed)}).`,
      'Pick one of those.',
    );
  return effort as UserEffortLevel;
}

/**
 * Checks an edit against the provider's live catalog and turns it into the settings change: a model it
 * does not know, or an effort the model (or, for the default, none of its models) supports, is a 400
 * that names the closest models.
 */
export async function slotChangeOf(provider: Provider, edit: SlotEdit): Promise<DashboardSlotChange> {
  const models = await catalogModels(provider);
  if (!('slot' in edit)) {
    if (edit.effort === null) return { effort: null };
    const ladder = effortLadder(offeredModels(models));
    return {
      effort: asEffort(
        edit.effort,
        ladder.length ? ladder : USER_EFFORT_LEVELS,
        `${provider.displayName} offers`,
      ),
    };
  }
  const wanted = edit.model.trim();
  const info = models.find((m) => m.id === wanted && !m.retired);
  if (!info) {
    const retired = models.find((m) => m.id === wanted)?.upgradeTo;
    const near = closestNames(
      wanted,
      offeredModels(models).map((m) => m.id),
    );
    throw usageError(
      `${provider.displayName} has no model "${wanted}"${retired ? ` any more (its replacement is ${retired})` : ''}.`,
      near.length ? `Closest: ${near.join(', ')}.` : 'Its catalog is empty; check the provider.',
    );
  }
  const effort =
    edit.effort === null ? undefined : asEffort(edit.effort, userEfforts(info), `${info.id} supports`);
  return { models: { [edit.slot]: joinEffortSuffix(info.id, effort) } };
}

export async function applySlotEdit(
  providers: ReadonlyMap<string, Provider>,
  save: ((provider: Provider, change: DashboardSlotChange) => Promise<void>) | undefined,
  edit: SlotEdit,
): Promise<{ ok: true; message: string }> {
  const provider = providers.get(edit.provider);
  if (!provider) throw new CcsError('NOT_FOUND', `No provider "${edit.provider}"; reload the page.`);
  if (!save) throw new CcsError('NOT_FOUND', 'Editing the models is not available here.');
  const change = await slotChangeOf(provider, edit);
  await save(provider, change);
  if ('slot' in edit) {
    const value = change.models?.[edit.slot] ?? '';
    return { ok: true, message: `${provider.displayName}: the ${edit.slot} slot now uses ${value}.` };
  }
  return {
    ok: true,
    message:
      change.effort === null
        ? `${provider.displayName}: each slot now uses its own default effort.`
        : `${provider.displayName}: the default effort is now ${change.effort}.`,
  };
}
