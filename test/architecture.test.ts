import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Who may import whom (DESIGN.md). Keys and values are workspace package names. */
const ALLOWED: Record<string, readonly string[]> = {
  '@ccs/core': [],
  '@ccs/provider-kit': ['@ccs/core'],
  '@ccs/provider-codex': ['@ccs/core', '@ccs/provider-kit'],
  '@ccs/provider-openai-compatible': ['@ccs/core', '@ccs/provider-kit'],
  '@ccs/testkit': ['@ccs/core'],
  '@ccs/proxy': ['@ccs/core', '@ccs/provider-kit'],
  '@ccs/cli': [
    '@ccs/core',
    '@ccs/provider-kit',
    '@ccs/proxy',
    '@ccs/provider-codex',
    '@ccs/provider-openai-compatible',
  ],
};
/** Tests and devDependencies may also use the emulator and conformance suite. */
const TEST_ONLY = ['@ccs/testkit'];
/** Examples are third-party plugins: only the published entry points, never a deep path. */
const EXAMPLES_MAY_USE = ['@ccs/core', '@ccs/provider-kit', '@ccs/testkit'];

interface Workspace {
  name: string;
  dir: string;
  manifest: Record<string, Record<string, string> | undefined>;
}

function listWorkspaces(): Workspace[] {
  const out: Workspace[] = [];
  for (const group of ['packages', 'apps', 'examples', 'tests']) {
    const groupDir = join(ROOT, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir)) {
      const manifestPath = join(groupDir, entry, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      out.push({ name: manifest.name, dir: join(groupDir, entry), manifest });
    }
  }
  return out;
}

function listSourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listSourceFiles(path));
    else if (/\.(?:m|c)?[jt]sx?$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const IMPORT_PATTERNS = [
  /\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Module specifiers in a file, comments removed first so examples in comments do not count. */
function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) for (const match of code.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

/** The workspace package name an import refers to, e.g. '@ccs/core' for '@ccs/core/x'. */
const workspaceTarget = (specifier: string) => /^(@ccs\/[^/]+)/.exec(specifier)?.[1];

/** Violations of one importing file, given where workspaces live. */
function checkFile(
  file: string,
  text: string,
  owner: Workspace,
  workspaces: Workspace[],
  isTest: boolean,
): string[] {
  const problems: string[] = [];
  const where = relative(ROOT, file);
  const isExample = relative(ROOT, owner.dir).startsWith(`examples${sep}`);
  const allowed = isExample ? EXAMPLES_MAY_USE : ALLOWED[owner.name];
  for (const specifier of importsOf(text)) {
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      const other = workspaces.find(
        (w) => w !== owner && (target === w.dir || target.startsWith(w.dir + sep)),
      );
      // Test tools may run another package's build output; nothing may reach into its src.
      const intoSrc = other !== undefined && relative(other.dir, target).split(sep)[0] === 'src';
      if (other && (intoSrc || !isTest))
        problems.push(
          `${where}: relative import "${specifier}" reaches into ${other.name}; import "${other.name}"`,
        );
      continue;
    }
    const target = workspaceTarget(specifier);
    if (!target || target === owner.name) continue;
    if (specifier !== target && (isExample || /\/src(\/|$)/.test(specifier.slice(target.length)))) {
      problems.push(`${where}: "${specifier}" is not a published entry point; import "${target}"`);
    }
    if (allowed && !allowed.includes(target) && !(isTest && TEST_ONLY.includes(target))) {
      problems.push(
        `${where}: ${owner.name} may not import ${target} (allowed: ${allowed.join(', ') || 'nothing'})`,
      );
    }
  }
  return problems;
}

function checkManifest(workspace: Workspace): string[] {
  const allowed = ALLOWED[workspace.name];
  if (!allowed) return [];
  const problems: string[] = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
    for (const name of Object.keys(workspace.manifest[field] ?? {})) {
      if (!name.startsWith('@ccs/') || name === workspace.name || allowed.includes(name)) continue;
      if (field === 'devDependencies' && TEST_ONLY.includes(name)) continue;
      problems.push(
        `${relative(ROOT, workspace.dir)}/package.json: ${field} lists ${name}, which ${workspace.name} may not use`,
      );
    }
  }
  return problems;
}

describe('architecture', () => {
  const workspaces = listWorkspaces();

  it('finds every package of the table', () => {
    const names = workspaces.map((w) => w.name);
    for (const name of Object.keys(ALLOWED)) expect(names).toContain(name);
  });

  it('has no forbidden dependency in any package.json', () => {
    expect(workspaces.flatMap(checkManifest)).toEqual([]);
  });

  it('has no forbidden import edge and no relative import into another package', () => {
    const problems: string[] = [];
    for (const workspace of workspaces) {
      for (const folder of ['src', 'test']) {
        for (const file of listSourceFiles(join(workspace.dir, folder))) {
          // Recording scripts in __fixtures__ are test tools, like tests.
          const isTest =
            folder === 'test' || /\.test\.[jt]s$/.test(file) || file.includes(`${sep}__fixtures__${sep}`);
          problems.push(...checkFile(file, readFileSync(file, 'utf8'), workspace, workspaces, isTest));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('catches the edges it exists to catch', () => {
    const core = workspaces.find((w) => w.name === '@ccs/core')!;
    const kit = workspaces.find((w) => w.name === '@ccs/provider-kit')!;
    const file = join(core.dir, 'src', 'x.ts');
    expect(checkFile(file, "import { a } from '@ccs/provider-kit';", core, workspaces, false)).toHaveLength(
      1,
    );
    expect(
      checkFile(file, "const m = await import('../../provider-kit/src/index.js');", core, workspaces, false),
    ).toHaveLength(1);
    expect(
      checkFile(
        join(kit.dir, 'src', 'y.ts'),
        "export * from '@ccs/core/src/index.js';",
        kit,
        workspaces,
        false,
      ),
    ).toHaveLength(1);
    expect(
      checkFile(
        join(kit.dir, 'src', 'y.ts'),
        "import { CcsError } from '@ccs/core';",
        kit,
        workspaces,
        false,
      ),
    ).toEqual([]);
    expect(
      checkFile(file, "// import x from '@ccs/proxy'\nimport { z } from 'zod';", core, workspaces, false),
    ).toEqual([]);
    expect(
      checkManifest({ ...core, manifest: { dependencies: { '@ccs/cli': 'workspace:^' } } }),
    ).toHaveLength(1);
  });
});
