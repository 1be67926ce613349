import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConcurrencyFigures, runConcurrentRounds } from './harness/concurrency-harness.js';
import { FULL, saveFigures } from './harness/figures.js';
import { setupWorld, type World } from './harness/world.js';

// 4 real ccs processes at once (login, use, nickname, refresh, launch): no update may be lost.
const ROUNDS = FULL ? 50 : 2;

let world: World;
let figures: ConcurrencyFigures | undefined;

beforeAll(async () => {
  world = await setupWorld();
}, 300_000);
afterAll(async () => {
  if (figures) await saveFigures('concurrent-writers', figures);
  await world?.close();
});

describe('concurrent ccs processes', () => {
  it(
    'lose no update',
    async () => {
      figures = await runConcurrentRounds(world, ROUNDS);
      expect(figures.failures).toEqual([]);
      expect(figures.lostUpdates).toBe(0);
      expect(figures.corruptFiles).toBe(0);
      expect(figures.updates).toBe(ROUNDS * 4);
    },
    FULL ? 1_800_000 : 60_000,
  );
});
