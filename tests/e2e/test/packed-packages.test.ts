import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED, repoRoot } from '../../../scripts/api-report.mjs';
import { packPackages } from '../../../scripts/pack-packages.mjs';

// The published packages as a user meets them: packed tarballs (what npm publish uploads), checked with
// publint and @arethetypeswrong/cli, installed with npm into a fresh CommonJS project and a fresh ESM
// TypeScript project, where the README examples of @ccs/provider-codex compile and run against the
// emulator. The global setup has built every package.

const npm = spawnSync('npm', ['--version'], { encoding: 'utf8', timeout: 20_000 }).status === 0;
const work = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-packed-')));
const bin = (name: string) => join(repoRoot, 'node_modules/.bin', name);
let tarballs: Record<string, string> = {};
let emu: Emulator;

/** The README's code block whose info string is `<lang> example=<name>`. */
function readmeExample(name: string): string {
  const readme = readFileSync(join(repoRoot, 'packages/provider-codex/README.md'), 'utf8');
  const match = new RegExp(`\`\`\`\\w+ example=${name}\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`packages/provider-codex/README.md has no example=${name} block`);
  return match[1]!;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '' };
}

/** Like run(), without blocking: the emulator answers from this process while the example runs. */
function runAsync(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; out: string; stdout: string }>((resolve) => {
    execFile(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}`, stdout });
    });
  });
}

/** npm init -y, then the tarballs (and extra registry packages) installed the way a user would. */
function freshProject(name: string, type: 'commonjs' | 'module', extra: string[] = []): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  expect(run('npm', ['init', '-y'], dir).code).toBe(0);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, type }, null, 2));
  const files = ['@ccs/core', '@ccs/provider-kit', '@ccs/provider-codex'].map((n) => tarballs[n]!);
  const install = run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files, ...extra],
    dir,
  );
  expect(install.code, install.out).toBe(0);
  return dir;
}

function userEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    CCS_HOME: join(home, '.ccs'),
    CCS_CODEX_ISSUER: emu.issuer,
    CCS_CODEX_BASE_URL: emu.baseUrl,
    NO_COLOR: '1',
  };
}

beforeAll(async () => {
  if (!npm) return;
  emu = await startEmulator({ port: 0 });
  tarballs = packPackages(join(work, 'tarballs'));
}, 300_000);

afterAll(async () => {
  await emu?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!npm)(`packed packages${npm ? '' : ' (skipped: npm is not on PATH)'}`, () => {
  it.each(PUBLISHED.map((p) => [p.name, p] as const))(
    '%s passes publint and arethetypeswrong',
    (_n, pkg) => {
      const lint = run(bin('publint'), ['--strict'], join(repoRoot, pkg.dir));
      expect(lint.code, lint.out).toBe(0);
      expect(lint.out).toContain('All good!');
      const attw = run(bin('attw'), [tarballs[pkg.name]!, '--profile', 'node16', '--format', 'ascii'], work);
      expect(attw.code, attw.out).toBe(0);
      expect(attw.out).toContain(`${pkg.name} v`);
    },
    120_000,
  );

  it('a fresh CommonJS project requires the packages and runs the README example', () => {
    const dir = freshProject('cjs-user', 'commonjs');
    writeFileSync(join(dir, 'example.js'), readmeExample('cjs'));
    const home = join(work, 'cjs-home');
    mkdirSync(home);
    const r = run(process.execPath, ['example.js'], dir, userEnv(home));
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(/^codex: 0 account\(s\)\nstatic models: [1-9]\d*\n$/);
    // Both module systems load, and share the error type across copies.
    const both = run(
      process.execPath,
      [
        '-e',
        `const core = require('@ccs/core'); import('@ccs/core').then((esm) => {
           const e = new core.CcsError('USAGE', 'x');
           console.log(esm.CcsError.isInstance(e), typeof require('@ccs/provider-kit').createHttpClient);
         });`,
      ],
      dir,
    );
    expect(both.stdout.trim(), both.out).toBe('true function');
  }, 240_000);

  it('a fresh ESM TypeScript project typechecks and runs the README session example', async () => {
    const dir = freshProject('esm-user', 'module', ['typescript@5.9.3', '@types/node@20.19.25']);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/session.ts'), readmeExample('esm'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          outDir: 'out',
          types: ['node'],
        },
        include: ['src'],
      }),
    );
    const tsc = run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', '.'], dir);
    expect(tsc.code, tsc.out).toBe(0);

    emu.control.addAccount({ email: 'readme@example.com', plan: 'plus' });
    emu.control.setDeviceBehavior({ email: 'readme@example.com', approveAfterPolls: 1 });
    emu.control.enqueueTurn({ text: 'Hi from the README.' });
    const home = join(work, 'esm-home');
    mkdirSync(home);
    const r = await runAsync(process.execPath, ['out/session.js'], dir, userEnv(home));
    expect(r.code, r.out).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('signed in: work (readme@example.com, plan plus)');
    expect(lines[1]).toBe('accounts: work*');
    expect(lines[2]).toMatch(/^model: \S+ \(effort [a-z/]+\)$/);
    expect(lines[3]).toMatch(/^effort: asked xhigh, got (low|medium|high|xhigh)( \(capped\))?$/);
    expect(r.stdout).toContain('finish: stop');
    expect(r.stdout).toContain('reply: Hi from the README.');
    expect(r.stdout).toMatch(/quota \S+: \d+(\.\d+)?% used/);
    expect(r.stdout).toMatch(/error: [A-Z_]+: .*nobody@example\.com/);
  }, 300_000);
});
