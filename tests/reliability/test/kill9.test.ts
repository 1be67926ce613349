import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL, saveFigures } from './harness/figures.js';
import { KILL_SCENARIOS, type KillFigures, runKillTrials } from './harness/kill9-harness.js';
import { setupWorld, type World } from './harness/world.js';

// SIGKILL at random points while real ccs processes write each kind of state file. Bounded here
// (two trials per kind: one inside the write sequence, one at a random moment); `pnpm reliability`
// runs 200 per kind.
const TRIALS = FULL ? 200 : 2;

let world: World;
const all: KillFigures[] = [];

beforeAll(async () => {
  world = await setupWorld();
}, 300_000);
afterAll(async () => {
  await saveFigures('kill9', all);
  await world?.close();
});

describe('SIGKILL while writing state files', () => {
  for (const scenario of KILL_SCENARIOS) {
    it(
      scenario.kind,
      async () => {
        const figures = await runKillTrials(world, scenario, TRIALS);
        all.push(figures);
        expect(figures.failures).toEqual([]);
        expect(figures.corruptFiles).toBe(0);
        expect(figures.lostAccounts).toBe(0);
        expect(figures.leftoversAfterRecovery).toBe(0);
        expect(figures.blockingLocks).toBe(0);
        expect(figures.recoveryFailures).toBe(0);
        // The kills did land inside the write sequence.
        expect(figures.killedAtMutation).toBeGreaterThan(0);
      },
      FULL ? 3_600_000 : 60_000,
    );
  }
});
