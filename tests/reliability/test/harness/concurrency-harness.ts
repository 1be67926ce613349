import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loginAs } from '../../../../apps/cli/test/auth-harness.js';
import { runCcsUnderTest } from './ccs-process.js';
import type { KillWorld } from './kill9-harness.js';
import { checkStateFiles } from './state-files.js';

export interface ConcurrencyFigures {
  rounds: number;
  processesPerRound: number;
  /** Updates the processes reported done (exit 0). */
  updates: number;
  /** Updates that a finished process made but that were not in the files afterwards (goal 0). */
  lostUpdates: number;
  failedProcesses: number;
  corruptFiles: number;
  failures: string[];
}

interface Op {
  label: string;
  run(): Promise<{ code: number | null; stderr: string }>;
  /** Whether the update is visible afterwards. */
  check(accounts: Listed[], world: KillWorld): Promise<boolean>;
}

interface Listed {
  nickname: string;
  email: string;
  default: boolean;
}

async function listed(world: KillWorld): Promise<Listed[]> {
  const done = await runCcsUnderTest(['codex', '--accounts', '--json'], world.box.env);
  if (done.code !== 0) throw new Error(`--accounts failed: ${done.stderr}`);
  return (JSON.parse(done.stdout) as { accounts: Listed[] }).accounts;
}

const authDir = (world: KillWorld) => join(world.box.ccsHome, 'cliproxy', 'auth');

async function tokenFiles(world: KillWorld): Promise<Array<{ path: string; file: Record<string, unknown> }>> {
  const dir = authDir(world);
  const names = (await readdir(dir)).filter((n) => n.startsWith('codex-') && n.endsWith('.json'));
  return Promise.all(
    names.map(async (name) => ({
      path: join(dir, name),
      file: JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>,
    })),
  );
}

const LONG_AGO = '2020-01-01T00:00:00Z';

/**
 * Rounds of 4 ccs processes started at once, each making one update another one also touches
 * (accounts.json by rename, --use and login; token files by refresh; settings and config by a launch).
 * After each round every update a process reported done must be in the files.
 */
export async function runConcurrentRounds(
  world: KillWorld & { emu: { control: { addAccount(a: { email: string; plan: string }): void } } },
  rounds: number,
): Promise<ConcurrencyFigures> {
  const figures: ConcurrencyFigures = {
    rounds,
    processesPerRound: 4,
    updates: 0,
    lostUpdates: 0,
    failedProcesses: 0,
    corruptFiles: 0,
    failures: [],
  };
  const env = world.box.env;
  const [john, mary, ann] = world.emails as [string, string, string];
  const rename = (email: string, nickname: string): Op => ({
    label: `rename ${email} to ${nickname}`,
    run: () => runCcsUnderTest(['codex', '--nickname', nickname, '--account', email], env),
    check: async (accounts) => accounts.find((a) => a.email === email)?.nickname === nickname,
  });
  const use = (email: string): Op => ({
    label: `use ${email}`,
    run: () => runCcsUnderTest(['codex', '--use', email], env),
    check: async (accounts) => accounts.find((a) => a.default)?.email === email,
  });
  for (let round = 1; round <= rounds; round++) {
    let ops: Op[];
    if (round % 2 === 1) {
      const email = `new${round}@example.com`;
      world.emu.control.addAccount({ email, plan: 'plus' });
      ops = [
        rename(john, `j${round}`),
        rename(mary, `m${round}`),
        use(ann),
        {
          label: `login ${email}`,
          run: async () => {
            try {
              await loginAs(world.emu, env, email, ['--add']);
              return { code: 0, stderr: '' };
            } catch (error) {
              return { code: 1, stderr: String(error) };
            }
          },
          check: async (accounts) => accounts.some((a) => a.email === email),
        },
      ];
    } else {
      for (const { path, file } of await tokenFiles(world))
        await writeFile(path, JSON.stringify({ ...file, last_refresh: LONG_AGO }, null, 2), { mode: 0o600 });
      ops = [
        rename(john, `j${round}`),
        use(mary),
        {
          label: 'refresh every account (quota)',
          run: () => runCcsUnderTest(['cliproxy', 'quota', '--provider', 'codex', '--json'], env),
          check: async () => (await tokenFiles(world)).every(({ file }) => file.last_refresh !== LONG_AGO),
        },
        {
          label: 'launch (settings, config, last used)',
          run: () => runCcsUnderTest(['codex', '-p', 'hi'], env),
          check: async () =>
            (await readFile(join(world.box.ccsHome, 'codex.settings.json'), 'utf8').catch(() => '')).includes(
              'ANTHROPIC_MODEL',
            ),
        },
      ];
    }
    // --use while another process --uses: only the last one can win; keep one --use per round.
    const results = await Promise.all(ops.map((op) => op.run()));
    const accounts = await listed(world);
    const state = await checkStateFiles(world.box.ccsHome);
    figures.corruptFiles += state.corrupt.length;
    for (const [i, op] of ops.entries()) {
      const result = results[i]!;
      if (result.code !== 0) {
        figures.failedProcesses++;
        figures.failures.push(
          `round ${round}: ${op.label} exited ${result.code}: ${result.stderr.slice(0, 300)}`,
        );
        continue;
      }
      figures.updates++;
      if (!(await op.check(accounts, world))) {
        figures.lostUpdates++;
        figures.failures.push(`round ${round}: ${op.label} was lost`);
      }
    }
  }
  return figures;
}
