// One line per target: the figure, the target and a pass/fail mark. `pnpm bench` (run-all.mjs) gathers
// these lines into its summary, so every target of every benchmark is read in one place.
export const TARGET_PREFIX = 'target';

/** Prints `target ✓ PASS <what>: <figure> (target <target>)`; returns whether it passed. */
export function reportTarget(what, figure, target, ok) {
  console.log(`${TARGET_PREFIX} ${ok ? '✓ PASS' : '✗ FAIL'}  ${what}: ${figure} (target ${target})`);
  return ok;
}
