import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESERVED_PROVIDER_IDS } from '@ccs/core/internal';
import { expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// An openai-compatibility: entry named like a ccs command could never be reached as `ccs <name>`:
// every command word of the CLI must be refused as a name (a provider id like codex is refused by the
// host as a duplicate id instead).
it('every ccs command word is a reserved provider name', () => {
  const run = readFileSync(join(ROOT, 'apps/cli/src/run.ts'), 'utf8');
  const words = [...run.matchAll(/case '([a-z][a-z-]*)':/g)].map((m) => m[1]!);
  expect(words.length).toBeGreaterThan(3);
  const commands = words.filter((w) => w !== 'codex');
  expect(commands.filter((w) => !(RESERVED_PROVIDER_IDS as readonly string[]).includes(w))).toEqual([]);
});
