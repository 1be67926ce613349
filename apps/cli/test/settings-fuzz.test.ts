import { CcsError } from '@ccs/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProviderSettings } from '../src/settings/provider-settings-file.js';
import { settingsKeysOf } from '../src/settings/provider-settings-schema.js';

// Property-based: codex.settings.json is a file a user (or another tool) edits by hand. Whatever it holds,
// reading it ends in settings or one CONFIG_INVALID error naming the file: no other exception, no stack.
// `pnpm reliability` (RELIABILITY_FULL=1) runs 20,000 cases; `pnpm test` 300.
const RUNS = process.env.RELIABILITY_FULL === '1' ? 20_000 : 300;

describe('codex.settings.json of anything', () => {
  it('parses to settings, or one CONFIG_INVALID error naming the file', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc
            .record({ env: fc.dictionary(fc.string(), fc.jsonValue()) }, { requiredKeys: [] })
            .map((v) => JSON.stringify(v)),
        ),
        (text) => {
          try {
            parseProviderSettings(text, '/home/u/.ccs/codex.settings.json', settingsKeysOf('codex'));
          } catch (error) {
            expect(CcsError.isInstance(error), String(error)).toBe(true);
            expect((error as CcsError).code).toBe('CONFIG_INVALID');
            expect((error as CcsError).message).toContain('codex.settings.json');
            expect((error as CcsError).message).not.toMatch(/\n\s+at /);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
