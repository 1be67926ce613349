import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiReport, PUBLISHED, repoRoot, reportPath } from '../scripts/api-report.mjs';

// Every published package's public surface is a committed, reviewed file. Changing an export without
// regenerating it fails here; regenerating it without a changeset fails below.

describe('API reports', () => {
  it.each(PUBLISHED.map((pkg) => [pkg.name, pkg] as const))(
    '%s matches its committed report',
    (_name, pkg) => {
      const file = reportPath(pkg);
      const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
      const current = apiReport(pkg);
      expect(
        current === committed,
        `The public API of ${pkg.name} changed but ${relative(repoRoot, file)} was not updated. ` +
          'Run `pnpm api:update`, review the diff, and add a changeset (`pnpm changeset`).',
      ).toBe(true);
    },
  );

  it('a public API change on this branch comes with a changeset naming the package', () => {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repoRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    let base: string;
    try {
      base = git('merge-base', 'HEAD', 'main');
    } catch {
      // A checkout without a main branch (a tarball, a shallow CI clone) has nothing to compare with.
      return;
    }
    const changed = git(
      'diff',
      '--name-only',
      base,
      '--',
      ...PUBLISHED.map((p) => relative(repoRoot, reportPath(p))),
    )
      .split('\n')
      .filter(Boolean);
    const changesets = git('diff', '--name-only', '--diff-filter=AM', base, '--', '.changeset/*.md')
      .split('\n')
      .filter((f) => f && !f.endsWith('README.md'));
    const text = changesets.map((f) =>
      existsSync(`${repoRoot}/${f}`) ? readFileSync(`${repoRoot}/${f}`, 'utf8') : '',
    );
    const missing = PUBLISHED.filter((p) => changed.includes(relative(repoRoot, reportPath(p)))).filter(
      (p) => !text.some((t) => t.includes(`"${p.name}"`)),
    );
    expect(
      missing.map((p) => p.name),
      'The public API of these packages changed on this branch without a changeset naming them: add one with `pnpm changeset`.',
    ).toEqual([]);
  });
});
