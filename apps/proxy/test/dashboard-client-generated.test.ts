import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_SCRIPT } from '../src/dashboard/dashboard-script.js';

const script = fileURLToPath(new URL('../scripts/build-dashboard-client.mjs', import.meta.url));

describe('the dashboard page script', () => {
  it('is the compiled, type-checked client source, up to date with it', () => {
    const check = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('runs on its own in the page: its modules bundled, no module syntax, one call of the client function', () => {
    expect(DASHBOARD_SCRIPT).not.toMatch(/^\s*(import|export)\b/m);
    expect(DASHBOARD_SCRIPT.trim()).toMatch(
      /^\(\(\) => \{\n[\s\S]*\nfunction dashboardClient\(\) \{[\s\S]*\ndashboardClient\(\);\n\}\)\(\);$/,
    );
    // The slot editor and the add-account form are in the one script (the CSP allows nothing else).
    expect(DASHBOARD_SCRIPT).toContain('function providerModels(');
    expect(DASHBOARD_SCRIPT).toContain('function addAccount(');
  });
});
