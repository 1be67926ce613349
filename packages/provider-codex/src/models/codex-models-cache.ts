import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, writeFileAtomic } from '@ccs/provider-kit';
import { z } from 'zod';

/** One cached `/codex/models` answer: the raw entries (parsed on read, so parsing can evolve) and its ETag. */
const cachedListSchema = z.object({
  version: z.literal(1),
  plan: z.string(),
  fetchedAt: z.number(),
  clientVersion: z.string(),
  etag: z.string().optional(),
  models: z.array(z.unknown()),
});
export type CachedModelList = z.output<typeof cachedListSchema>;

/** The plan's file name part: lower case, safe characters only ("unknown" when the plan is not known). */
export function planKey(plan: string | undefined): string {
  const value = plan
    ?.trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '');
  return value ? value : 'unknown';
}

/**
 * The live model lists on disk, one file per plan (`cliproxy/models/codex-<plan>.json`, 0600, written
 * atomically): `ccs codex` start-up reads them synchronously and never waits for the network.
 */
export class CodexModelsCache {
  readonly #dir: string;
  #loaded: Map<string, CachedModelList> | undefined;

  constructor(cliproxyDir: string) {
    this.#dir = join(cliproxyDir, 'models');
  }

  pathFor(plan: string | undefined): string {
    return join(this.#dir, `codex-${planKey(plan)}.json`);
  }

  /** Every readable cached list, by plan key; read from disk once (a broken file is skipped). */
  all(): Map<string, CachedModelList> {
    if (this.#loaded) return this.#loaded;
    const loaded = new Map<string, CachedModelList>();
    let names: string[] = [];
    try {
      names = readdirSync(this.#dir);
    } catch {
      // No folder yet: nothing cached on this machine.
    }
    for (const name of names) {
      const match = /^codex-([a-z0-9_-]+)\.json$/.exec(name);
      if (!match) continue;
      try {
        const parsed = cachedListSchema.safeParse(JSON.parse(readFileSync(join(this.#dir, name), 'utf8')));
        if (parsed.success) loaded.set(match[1]!, parsed.data);
      } catch {
        // A torn or foreign file is ignored; the next fetch rewrites it.
      }
    }
    this.#loaded = loaded;
    return loaded;
  }

  /** The list for this plan; with no plan, the newest list of any plan. */
  read(plan: string | undefined): CachedModelList | undefined {
    const all = this.all();
    if (plan !== undefined && planKey(plan) !== 'unknown') return all.get(planKey(plan));
    let newest: CachedModelList | undefined;
    for (const list of all.values()) if (!newest || list.fetchedAt > newest.fetchedAt) newest = list;
    return newest;
  }

  async write(list: CachedModelList): Promise<void> {
    this.all().set(planKey(list.plan), list);
    await ensureDir(this.#dir);
    await writeFileAtomic(this.pathFor(list.plan), `${JSON.stringify(list)}\n`, { mode: 0o600 });
  }
}
