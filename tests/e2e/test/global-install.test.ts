import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@ccs/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox, loginHeadless, repoRoot, runCcs } from '../../../scripts/lib/ccs-harness.mjs';
import { describe as dump, upstreamProblems } from './helpers/e2e-context.js';

// What a user gets from `npm install -g @ccs/cli`, through the documented command for a checkout:
// `bash scripts/install-global --prefix <dir>` packs the publishable packages the way they are published
// (`pnpm pack` rewrites `workspace:^` to real versions) and installs them with npm; `--uninstall` removes
// them. Third-party dependencies come from the registry (npm's cache makes repeat runs quick).

interface PackageJson {
  name: string;
  version: string;
}

function readPackage(dir: string): PackageJson | undefined {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PackageJson) : undefined;
}

const installScript = join(repoRoot, 'scripts/install-global');

function npmVersion(): string | undefined {
  const r = spawnSync('npm', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const npm = npmVersion();
const work = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-global-install-')));
const prefix = join(work, 'prefix');
const ccsBin = join(prefix, 'bin', 'ccs');
let emu: Emulator;
let installError: string | undefined;

beforeAll(async () => {
  if (!npm) return;
  emu = await startEmulator({ port: 0 });
  // The global setup has built everything already.
  const install = spawnSync('bash', [installScript, '--prefix', prefix, '--no-build'], {
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (install.status !== 0)
    installError = `install-global failed (${install.status}):\n${install.stdout}\n${install.stderr}`;
}, 200_000);

afterAll(async () => {
  await emu?.close();
  rmSync(work, { recursive: true, force: true });
});

test.skipIf(!npm)(
  `the packed packages install globally with npm and the installed ccs works${npm ? '' : ' (skipped: npm is not available on PATH)'}`,
  async () => {
    expect(installError).toBeUndefined();
    expect(existsSync(ccsBin), `${ccsBin} missing`).toBe(true);
    // Published manifests carry real versions, never the workspace protocol.
    const installedCli = join(prefix, 'lib/node_modules/@ccs/cli');
    const manifest = readFileSync(join(installedCli, 'package.json'), 'utf8');
    expect(manifest).not.toContain('workspace:');
    const cliVersion = readPackage(join(repoRoot, 'apps/cli'))!.version;

    const sandbox = await createSandbox({
      issuer: emu.issuer,
      baseUrl: emu.baseUrl,
      prefix: 'ccs-global-user-',
    });
    try {
      const options = { env: sandbox.env, cwd: sandbox.projectDir, timeoutMs: 30_000, bin: ccsBin };
      const version = await runCcs(['--version'], options);
      expect(version.code, dump(version)).toBe(0);
      expect(version.stdout.trim()).toContain(cliVersion);

      const help = await runCcs(['codex', '--help'], options);
      expect(help.code, dump(help)).toBe(0);
      expect(help.stdout).toContain('--auth');

      emu.control.addAccount({ email: 'global@example.com', plan: 'plus' });
      emu.control.setAuthorizeBehavior({ email: 'global@example.com' });
      const login = await loginHeadless({ env: sandbox.env, cwd: sandbox.projectDir, bin: ccsBin });
      expect(login.code, dump(login)).toBe(0);

      const accounts = await runCcs(['codex', '--accounts', '--json'], options);
      expect(accounts.code, dump(accounts)).toBe(0);
      expect(JSON.parse(accounts.stdout)).toMatchObject({
        accounts: [expect.objectContaining({ email: 'global@example.com', default: true })],
      });

      // The launch path loads the proxy and the provider lazily: run a real session from the installed bin too.
      emu.control.enqueueTurn({ text: 'Hello from the globally installed ccs.' });
      const session = await runCcs(['codex', '-p', 'say hi'], { ...options, timeoutMs: 60_000 });
      expect(session.code, dump(session)).toBe(0);
      expect(session.stdout).toContain('Hello from the globally installed ccs.');
      expect(upstreamProblems(emu)).toBeUndefined();
    } finally {
      sandbox.cleanup();
    }
  },
  120_000,
);

test.skipIf(!npm)(
  'bash scripts/install-global --uninstall removes the installed ccs',
  () => {
    expect(installError).toBeUndefined();
    expect(existsSync(ccsBin)).toBe(true);
    const r = spawnSync('bash', [installScript, '--uninstall', '--prefix', prefix], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(existsSync(ccsBin)).toBe(false);
    expect(existsSync(join(prefix, 'lib/node_modules/@ccs/cli'))).toBe(false);
    expect(existsSync(join(prefix, 'lib/node_modules/@ccs/core'))).toBe(false);
  },
  90_000,
);
