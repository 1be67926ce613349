import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loginAs, type Sandbox } from '../../../../apps/cli/test/auth-harness.js';
import { writeFakeClaude } from '../../../../apps/cli/test/launch-helpers.js';
import { type CcsResult, runCcsUnderTest } from './ccs-process.js';
import { checkStateFiles } from './state-files.js';

export interface KillWorld {
  emu: { control: { setAuthorizeBehavior(b: { email: string }): void } };
  box: Sandbox;
  emails: string[];
}

/** One kind of state file and the ccs command that writes it. */
export interface KillScenario {
  kind: string;
  /** Puts the state where the command has something to write (runs outside the killed process). */
  prepare(world: KillWorld, trial: number): Promise<void>;
  args(world: KillWorld, trial: number): string[];
  /** Extra environment for this scenario's runs. */
  env?(world: KillWorld): Record<string, string>;
  /** Whether an unkilled run really wrote this scenario's file (checked after the measuring run). */
  written?(world: KillWorld): Promise<boolean>;
}

export interface KillFigures {
  kind: string;
  trials: number;
  /** Killed just before a file-system mutation (inside the write sequence). */
  killedAtMutation: number;
  /** Killed by a timer from outside at a random moment of the run. */
  killedByTimer: number;
  /** Runs that finished before the timer fired (no kill happened). */
  finishedBeforeKill: number;
  mutationsPerRun: number;
  /** State files that did not parse after a kill (goal 0). */
  corruptFiles: number;
  /** Accounts missing from `ccs codex --accounts --json` after a kill and a recovery run (goal 0). */
  lostAccounts: number;
  /** Temp/lock files right after the kill (expected: the killed process could not clean up). */
  leftoversRightAfterKill: number;
  /** Temp files still there after the next normal run (goal 0). */
  leftoversAfterRecovery: number;
  /**
   * Lock files of killed holders still there after the recovery run (it did not need that lock): they
   * block nobody, the next process wanting the lock sees the holder is dead and breaks it at once.
   */
  staleLocksAfterRecovery: number;
  /** Lock files held by no live process that would make others wait (goal 0). */
  blockingLocks: number;
  /** Recovery runs that failed (goal 0). */
  recoveryFailures: number;
  slowestRecoveryMs: number;
  /** Refresh tokens the upstream had rotated before the killed process could store the new one. */
  burnedRefreshTokens: number;
  failures: string[];
}

const settle = (world: KillWorld) => join(world.box.ccsHome, 'cliproxy');

async function setLastRefreshLongAgo(world: KillWorld): Promise<void> {
  const dir = join(settle(world), 'auth');
  for (const name of await readdir(dir)) {
    if (!name.startsWith('codex-') || !name.endsWith('.json')) continue;
    const path = join(dir, name);
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    file.last_refresh = '2020-01-01T00:00:00Z';
    await writeFile(path, JSON.stringify(file, null, 2), { mode: 0o600 });
  }
}

export const KILL_SCENARIOS: KillScenario[] = [
  {
    kind: 'token refresh (cliproxy/auth/codex-*.json)',
    prepare: setLastRefreshLongAgo,
    args: () => ['cliproxy', 'quota', '--provider', 'codex', '--json'],
  },
  {
    kind: 'accounts.json (--use, --nickname)',
    prepare: async () => {},
    args: (world, trial) =>
      trial % 2 === 0
        ? ['codex', '--use', world.emails[trial % world.emails.length]!]
        : ['codex', '--nickname', `nick${trial}`, '--account', world.emails[trial % world.emails.length]!],
  },
  {
    kind: 'codex.settings.json (created at launch)',
    prepare: async (world) => {
      await rm(join(world.box.ccsHome, 'codex.settings.json'), { force: true });
    },
    args: () => ['codex', '-p', 'hi'],
  },
  {
    kind: 'status file and usage ledger (written by the proxy after a response)',
    prepare: async () => {},
    args: () => ['codex', '-p', 'hi'],
    env: (world) => ({ CCS_CLAUDE_PATH: writeFakeClaude(join(world.box.ccsHome, '..')) }),
  },
  {
    // The live list is fetched in the background after a response when no cached list exists.
    kind: 'model cache (cliproxy/models/codex-*.json, fetched after a response)',
    prepare: async (world) => {
      await rm(join(settle(world), 'models'), { recursive: true, force: true });
    },
    args: () => ['codex', '-p', 'hi'],
    env: (world) => ({ CCS_CLAUDE_PATH: writeFakeClaude(join(world.box.ccsHome, '..')) }),
    written: async (world) =>
      (await readdir(join(settle(world), 'models')).catch(() => [] as string[])).some((name) =>
        /^codex-.*\.json$/.test(name),
      ),
  },
  {
    kind: 'config.yaml (local API key written on first use)',
    prepare: async (world) => {
      // A user's file without a key: their comment and port must survive the write.
      await writeFile(join(settle(world), 'config.yaml'), '# mine\nport: 8317\n', { mode: 0o600 });
    },
    args: () => ['env', 'codex'],
  },
];

function configKept(text: string | undefined): boolean {
  return text === undefined || (text.includes('# mine') && text.includes('port: 8317'));
}

/**
 * Runs `trials` kills of one scenario: half just before a random file-system mutation of the write
 * sequence, half at a random moment of the run. After each: every state file must parse; then a normal
 * run of the same command must succeed and leave no temp or lock file; and no account may be missing.
 */
export async function runKillTrials(
  world: KillWorld,
  scenario: KillScenario,
  trials: number,
): Promise<KillFigures> {
  const figures: KillFigures = {
    kind: scenario.kind,
    trials,
    killedAtMutation: 0,
    killedByTimer: 0,
    finishedBeforeKill: 0,
    mutationsPerRun: 0,
    corruptFiles: 0,
    lostAccounts: 0,
    leftoversRightAfterKill: 0,
    leftoversAfterRecovery: 0,
    staleLocksAfterRecovery: 0,
    blockingLocks: 0,
    recoveryFailures: 0,
    slowestRecoveryMs: 0,
    burnedRefreshTokens: 0,
    failures: [],
  };
  const env = { ...world.box.env, ...scenario.env?.(world) };
  // A measuring run: how many mutations and how long one run takes.
  await scenario.prepare(world, 0);
  const measure = await runCcsUnderTest(scenario.args(world, 0), env);
  if (measure.code !== 0)
    throw new Error(`${scenario.kind}: the command fails without any kill: ${measure.stderr}`);
  const mutations = measure.mutations ?? 0;
  figures.mutationsPerRun = mutations;
  if (mutations === 0) throw new Error(`${scenario.kind}: the command wrote nothing under CCS_HOME`);
  if (scenario.written && !(await scenario.written(world)))
    throw new Error(`${scenario.kind}: the command ran without writing the file under test`);

  for (let trial = 1; trial <= trials; trial++) {
    await scenario.prepare(world, trial);
    const byMutation = trial % 2 === 1;
    const killed: CcsResult = byMutation
      ? await runCcsUnderTest(scenario.args(world, trial), env, {
          killAtMutation: 1 + Math.floor(Math.random() * mutations),
        })
      : await runCcsUnderTest(scenario.args(world, trial), env, {
          killAfterMs: Math.random() * measure.ms * 1.1,
        });
    if (killed.signal === 'SIGKILL') {
      if (byMutation) figures.killedAtMutation++;
      else figures.killedByTimer++;
    } else figures.finishedBeforeKill++;

    const afterKill = await checkStateFiles(world.box.ccsHome);
    figures.corruptFiles += afterKill.corrupt.length;
    figures.leftoversRightAfterKill += afterKill.leftovers.length + afterKill.staleLocks.length;
    if (afterKill.corrupt.length > 0)
      figures.failures.push(`trial ${trial}: corrupt ${afterKill.corrupt.join(', ')}`);
    if (scenario.kind.startsWith('config.yaml')) {
      const text = await readFile(join(settle(world), 'config.yaml'), 'utf8').catch(() => undefined);
      if (!configKept(text)) {
        figures.corruptFiles++;
        figures.failures.push(`trial ${trial}: config.yaml lost the user's lines`);
      }
    }

    // The next normal run repairs whatever the kill left.
    const recovery = await runCcsUnderTest(scenario.args(world, trial), env);
    figures.slowestRecoveryMs = Math.max(figures.slowestRecoveryMs, recovery.ms);
    const burned = burnedAccounts(recovery, world.emails);
    if (recovery.code !== 0 && burned.length === 0) {
      figures.recoveryFailures++;
      figures.failures.push(
        `trial ${trial}: recovery exit ${recovery.code}: ${recovery.stderr.trim().slice(0, 300)} ${recovery.stdout.slice(0, 300)}`,
      );
    }
    if (burned.length > 0) {
      figures.burnedRefreshTokens += burned.length;
      for (const email of burned) await loginAs(world.emu, env, email);
    }
    const afterRecovery = await checkStateFiles(world.box.ccsHome);
    figures.leftoversAfterRecovery += afterRecovery.leftovers.length;
    figures.staleLocksAfterRecovery += afterRecovery.staleLocks.length;
    figures.blockingLocks += afterRecovery.liveLocks.length;
    if (afterRecovery.leftovers.length + afterRecovery.liveLocks.length > 0)
      figures.failures.push(
        `trial ${trial}: left behind ${[...afterRecovery.leftovers, ...afterRecovery.liveLocks].join(', ')}`,
      );
    const listed = await runCcsUnderTest(['codex', '--accounts', '--json'], env);
    const emails = listed.code === 0 ? listedEmails(listed.stdout) : [];
    const missing = world.emails.filter((email) => !emails.includes(email));
    figures.lostAccounts += missing.length;
    if (missing.length > 0)
      figures.failures.push(`trial ${trial}: lost ${missing.join(', ')} ${listed.stderr}`);
  }
  return figures;
}

function listedEmails(stdout: string): string[] {
  try {
    const parsed = JSON.parse(stdout) as { accounts: Array<{ email: string }> };
    return parsed.accounts.map((a) => a.email);
  } catch {
    return [];
  }
}

/** Accounts whose quota answer says the sign-in must be redone (refresh token already used upstream). */
function burnedAccounts(recovery: CcsResult, emails: string[]): string[] {
  try {
    const parsed = JSON.parse(recovery.stdout) as {
      accounts?: Array<{ email: string; error: null | { code: string } }>;
    };
    return (parsed.accounts ?? [])
      .filter((a) => a.error && /AUTH/.test(a.error.code) && emails.includes(a.email))
      .map((a) => a.email);
  } catch {
    return [];
  }
}
