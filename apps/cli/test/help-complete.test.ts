import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BOOL_FLAGS, VALUE_FLAGS } from '../src/commands/provider/parse-provider-args.js';
import { CODEX_HELP, MAIN_HELP } from '../src/help.js';

// The help is the first place a user looks: every flag ccs codex accepts and every CCS_* variable the
// product reads must be in it, so a new one cannot ship undocumented.
const repo = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/**
 * CCS_* names the product reads from the environment (`env.X`, `env['X']`, `process.env.X`), and the
 * per-provider ones made from the provider id (`providerEnvName(id, 'EFFORT')` → CCS_<PROVIDER>_EFFORT).
 */
function envVarsRead(): string[] {
  const names = new Set<string>();
  for (const dir of ['apps/cli/src', 'apps/proxy/src', 'packages/core/src', 'packages/provider-codex/src']) {
    for (const file of sourceFiles(join(repo, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/env(?:\??\.|\[['"])(CCS_[A-Z0-9_]+)/g)) names.add(m[1]!);
      for (const m of text.matchAll(/providerEnvName\([^,]+, '([A-Z0-9_]+)'\)/g))
        names.add(`CCS_<PROVIDER>_${m[1]}`);
    }
  }
  return [...names].sort();
}

describe('help texts are complete', () => {
  it('ccs codex --help names every flag ccs codex accepts', () => {
    // --with-api-key is for API-key providers; Codex signs in with OAuth only.
    const flags = [...VALUE_FLAGS, ...BOOL_FLAGS].filter((flag) => flag !== '--with-api-key');
    expect(flags.length).toBeGreaterThan(10);
    expect(flags.filter((flag) => !CODEX_HELP.includes(flag))).toEqual([]);
  });

  it('ccs --help names every CCS_* variable the product reads', () => {
    const names = envVarsRead();
    expect(names).toEqual(
      expect.arrayContaining(['CCS_HOME', 'CCS_<PROVIDER>_EFFORT', 'CCS_<PROVIDER>_FAST']),
    );
    expect(names.filter((name) => !MAIN_HELP.includes(name))).toEqual([]);
    // Read under a name made from the provider id (CCS_CODEX_LOGIN_TIMEOUT for codex), so named here.
    expect(MAIN_HELP).toContain('CCS_<PROVIDER>_LOGIN_TIMEOUT');
    expect(MAIN_HELP).toContain('CCS_LOGIN_TIMEOUT');
    // Codex's own names (the fixed interface) are given as the examples.
    for (const name of ['CCS_CODEX_EFFORT', 'CCS_CODEX_FAST', 'CCS_CODEX_LOGIN_TIMEOUT'])
      expect(MAIN_HELP).toContain(name);
  });
});
