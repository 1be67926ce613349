import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@ccs/testkit';
import { describe, expect, it } from 'vitest';
import { listAccounts, loginAs, runCcs, type Sandbox, useEmulatorSandbox } from './auth-harness.js';

let emu: Emulator;
let box: Sandbox;

useEmulatorSandbox(
  {
    accounts: [
      { email: 'john@example.com', plan: 'plus' },
      { email: 'sarah@company.com', plan: 'team' },
    ],
  },
  (e, b) => {
    emu = e;
    box = b;
  },
);

const tokenFiles = async () =>
  (await readdir(box.authDir).catch(() => [])).filter((n) => /^codex-.*\.json$/.test(n));

describe('accounts: add, list, use, rename, logout', () => {
  it('walks through the whole lifecycle with plans per account and upstream revocation', async () => {
    await loginAs(emu, box.env, 'john@example.com');
    const added = await loginAs(emu, box.env, 'sarah@company.com', ['--add']);
    expect(added.stdout).toMatch(/Added account "sarah"\. Use it with: ccs codex --use sarah/);

    const human = await runCcs(['codex', '--accounts'], box.env);
    expect(human.stdout).toBe(
      'Accounts for codex:\n  [default] john (john@example.com)  plus\n  sarah (sarah@company.com)  team\n',
    );
    const accounts = await listAccounts(box.env);
    expect(accounts.map((a) => Object.keys(a).sort())[0]).toEqual(
      ['accountId', 'createdAt', 'default', 'email', 'lastUsedAt', 'nickname', 'plan', 'workspaceId'].sort(),
    );
    expect(accounts.map((a) => [a.nickname, a.email, a.plan, a.default])).toEqual([
      ['john', 'john@example.com', 'plus', true],
      ['sarah', 'sarah@company.com', 'team', false],
    ]);

    expect((await runCcs(['codex', '--use', 'sarah'], box.env)).stdout).toMatch(
      /Default OpenAI Codex account is now sarah/,
    );
    expect((await listAccounts(box.env)).find((a) => a.default)?.nickname).toBe('sarah');
    expect((await runCcs(['codex', '--use', 'JOHN@example.com'], box.env)).code).toBe(0);
    expect((await listAccounts(box.env)).find((a) => a.default)?.nickname).toBe('john');

    const unknown = await runCcs(['codex', '--use', 'nobody'], box.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No Codex account named "nobody"/);
    expect(unknown.stderr).toMatch(/Known accounts: john, sarah/);

    expect((await runCcs(['codex', '--nickname', 'work'], box.env)).stdout).toMatch(
      /Renamed john \(john@example.com\) to "work"/,
    );
    for (const bad of ['has space', 'a/b', 'x'.repeat(51), 'SARAH']) {
      const done = await runCcs(['codex', '--nickname', bad, '--account', 'work'], box.env);
      expect(done.code, bad).toBe(2);
      expect(done.stderr).toMatch(/nickname/i);
    }
    expect(
      (await runCcs(['codex', '--nickname', 'team-lead', '--account', 'sarah@company.com'], box.env)).code,
    ).toBe(0);
    expect((await listAccounts(box.env)).map((a) => a.nickname)).toEqual(['work', 'team-lead']);

    const before = emu.control.counters().revocations;
    const one = await runCcs(['codex', '--logout', '--account', 'work'], box.env);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/Signed out of work \(john@example.com\)/);
    expect(one.stdout).toMatch(/The default account is now team-lead/);
    expect(emu.control.counters().revocations).toBe(before + 1);
    const revoke = emu.control.requests({ path: '/oauth/revoke' }).at(-1)!;
    expect(revoke.body).toMatchObject({
      token_type_hint: 'refresh_token',
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
    });
    expect(await listAccounts(box.env)).toMatchObject([{ nickname: 'team-lead', default: true }]);
    expect(await tokenFiles()).toHaveLength(1);

    const all = await runCcs(['codex', '--logout'], box.env);
    expect(all.stdout).toMatch(/Signed out of 1 OpenAI Codex account/);
    expect(emu.control.counters().revocations).toBe(before + 2);
    expect(await listAccounts(box.env)).toEqual([]);
    expect(await tokenFiles()).toEqual([]);
    expect((await runCcs(['codex', '--logout'], box.env)).stdout).toMatch(
      /No OpenAI Codex account was signed in/,
    );
  }, 60_000);

  it('names the first account with --auth --nickname, and a plain --auth adds a new identity as the default', async () => {
    await loginAs(emu, box.env, 'john@example.com', ['--nickname', 'personal']);
    const second = await loginAs(emu, box.env, 'sarah@company.com');
    expect(second.stdout).toMatch(/made it the default \(your other accounts are kept\)/);
    expect((await listAccounts(box.env)).map((a) => [a.nickname, a.default])).toEqual([
      ['personal', false],
      ['sarah', true],
    ]);
    const malformed = await runCcs(['codex', '--auth', '--headless', '--nickname', 'bad name'], box.env);
    expect(malformed.code).toBe(2);
    expect(emu.control.counters().authorizes).toBe(2); // refused before any sign-in started
    // A nickname that turns out to belong to another account: refused after sign-in, nothing stored,
    // and the unused sign-in is revoked.
    emu.control.addAccount({ email: 'third@example.com', plan: 'free' });
    const revocations = emu.control.counters().revocations;
    await expect(
      loginAs(emu, box.env, 'third@example.com', ['--add', '--nickname', 'PERSONAL']),
    ).rejects.toThrow(/already used by another account/);
    expect(emu.control.counters().revocations).toBe(revocations + 1);
    expect(await listAccounts(box.env)).toHaveLength(2);
  }, 30_000);

  it('a second login of the same workspace and email replaces the tokens (and revokes the old ones)', async () => {
    await loginAs(emu, box.env, 'john@example.com');
    const [file] = await tokenFiles();
    const first = JSON.parse(await readFile(join(box.authDir, file!), 'utf8'));
    const again = await loginAs(emu, box.env, 'john@example.com');
    expect(again.stdout).toMatch(/Signed in again as john@example.com/);
    expect(await tokenFiles()).toEqual([file]);
    const second = JSON.parse(await readFile(join(box.authDir, file!), 'utf8'));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(emu.control.counters().revocations).toBe(1);
    expect(await listAccounts(box.env)).toHaveLength(1);
  }, 30_000);

  it('the same email in two workspaces is two accounts', async () => {
    emu.control.addAccount({ email: 'john@example.com', plan: 'plus', chatgptAccountId: 'ws-personal' });
    await loginAs(emu, box.env, 'john@example.com');
    emu.control.addAccount({ email: 'john@example.com', plan: 'business', chatgptAccountId: 'ws-company' });
    await loginAs(emu, box.env, 'john@example.com', ['--add']);
    const accounts = await listAccounts(box.env);
    expect(accounts.map((a) => [a.nickname, a.email, a.plan, a.workspaceId])).toEqual([
      ['john', 'john@example.com', 'plus', 'ws-personal'],
      ['john-2', 'john@example.com', 'business', 'ws-company'],
    ]);
    expect(await tokenFiles()).toHaveLength(2);
    const ambiguous = await runCcs(['codex', '--use', 'john@example.com'], box.env);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/john, john-2/);
  }, 30_000);
});

describe('files left by CCS / CLIProxyAPI and damaged files', () => {
  async function writeCcsTokenFile(email: string, name: string, extra: Record<string, unknown> = {}) {
    const t = emu.control.issueTokens(email);
    const body = {
      id_token: t.idToken,
      access_token: t.accessToken,
      refresh_token: t.refreshToken,
      account_id: t.accountId,
      last_refresh: new Date().toISOString(),
      email,
      type: 'codex',
      expired: new Date(Date.now() + t.expiresIn * 1000).toISOString(),
      ...extra,
    };
    const { mkdir } = await import('node:fs/promises');
    await mkdir(box.authDir, { recursive: true, mode: 0o700 });
    await writeFile(join(box.authDir, name), JSON.stringify(body), { mode: 0o600 });
    return body;
  }

  it('picks up CCS/CLIProxyAPI token files as they are, keeping their unknown keys', async () => {
    await writeCcsTokenFile('sarah@company.com', 'codex-1a2b3c4d-sarah@company.com-team.json', {
      proxy_url: 'socks5://127.0.0.1:1080',
      priority: 3,
    });
    const listing = await runCcs(['codex', '--accounts'], box.env);
    expect(listing.stdout).toBe('Accounts for codex:\n  [default] sarah (sarah@company.com)  team\n');
    // Listing writes nothing.
    await expect(readFile(join(box.ccsHome, 'cliproxy/accounts.json'))).rejects.toThrow();
    expect((await runCcs(['codex', '--nickname', 'work'], box.env)).code).toBe(0);
    const registry = JSON.parse(await readFile(join(box.ccsHome, 'cliproxy/accounts.json'), 'utf8'));
    const entry = Object.values(registry.providers.codex.accounts)[0] as Record<string, unknown>;
    expect(entry).toMatchObject({
      nickname: 'work',
      tokenFile: 'codex-1a2b3c4d-sarah@company.com-team.json',
    });
    const file = JSON.parse(
      await readFile(join(box.authDir, 'codex-1a2b3c4d-sarah@company.com-team.json'), 'utf8'),
    );
    expect(file).toMatchObject({ proxy_url: 'socks5://127.0.0.1:1080', priority: 3 });
  });

  it('keeps a CCS accounts.json (ids, unknown keys, other providers) and adds to it', async () => {
    await writeCcsTokenFile('sarah@company.com', 'codex-sarah@company.com.json');
    const ccsRegistry = {
      version: 1,
      providers: {
        codex: {
          default: 'sarah@company.com',
          accounts: {
            'sarah@company.com': {
              email: 'sarah@company.com',
              nickname: 'sarah',
              tokenFile: 'codex-sarah@company.com.json',
              createdAt: '2026-01-01T00:00:00.000Z',
              paused: false,
            },
          },
        },
        agy: {
          default: 'x',
          accounts: { x: { email: 'x@y.z', tokenFile: 'agy-x.json', createdAt: '2026-01-01' } },
        },
      },
      someFutureKey: true,
    };
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(box.ccsHome, 'cliproxy'), { recursive: true });
    await writeFile(join(box.ccsHome, 'cliproxy/accounts.json'), JSON.stringify(ccsRegistry));
    await loginAs(emu, box.env, 'john@example.com', ['--add']);
    const registry = JSON.parse(await readFile(join(box.ccsHome, 'cliproxy/accounts.json'), 'utf8'));
    expect(registry.someFutureKey).toBe(true);
    expect(registry.providers.agy).toEqual(ccsRegistry.providers.agy);
    expect(registry.providers.codex.default).toBe('sarah@company.com');
    expect(registry.providers.codex.accounts['sarah@company.com']).toMatchObject({
      paused: false,
      nickname: 'sarah',
    });
    expect(Object.keys(registry.providers.codex.accounts)).toHaveLength(2);
  }, 30_000);

  it('reports a corrupt token file by name and keeps the other accounts working', async () => {
    await loginAs(emu, box.env, 'john@example.com');
    await writeFile(join(box.authDir, 'codex-broken@example.com.json'), '{"access_token": ', { mode: 0o600 });
    const listing = await runCcs(['codex', '--accounts'], box.env);
    expect(listing.code).toBe(0);
    expect(listing.stdout).toMatch(/\[default\] john/);
    expect(listing.stderr).toMatch(/codex-broken@example\.com\.json/);
    expect((await runCcs(['codex', '--use', 'john'], box.env)).code).toBe(0);
  }, 30_000);

  it('rebuilds a corrupt accounts.json from the token files and keeps the broken one aside', async () => {
    await loginAs(emu, box.env, 'john@example.com', ['--nickname', 'jj']);
    await loginAs(emu, box.env, 'sarah@company.com', ['--add']);
    await writeFile(join(box.ccsHome, 'cliproxy/accounts.json'), '{ this is not json');
    const listing = await runCcs(['codex', '--accounts', '--json'], box.env);
    expect(listing.code).toBe(0);
    expect(listing.stderr).toMatch(/rebuilt from the token files/);
    const accounts = JSON.parse(listing.stdout).accounts;
    expect(accounts.map((a: { email: string }) => a.email).sort()).toEqual([
      'john@example.com',
      'sarah@company.com',
    ]);
    const files = await readdir(join(box.ccsHome, 'cliproxy'));
    const aside = files.find((n) => /^accounts\.json\.corrupt-.*\.bak$/.test(n));
    expect(aside).toBeDefined();
    expect(await readFile(join(box.ccsHome, 'cliproxy', aside!), 'utf8')).toBe('{ this is not json');
    expect(JSON.parse(await readFile(join(box.ccsHome, 'cliproxy/accounts.json'), 'utf8')).version).toBe(1);
  }, 30_000);

  it('concurrent writers from several processes never lose an update', async () => {
    for (const [email, plan] of [
      ['a@example.com', 'plus'],
      ['b@example.com', 'pro'],
      ['c@example.com', 'free'],
    ] as const) {
      emu.control.addAccount({ email, plan });
      await loginAs(emu, box.env, email, ['--add']);
    }
    const results = await Promise.all([
      runCcs(['codex', '--nickname', 'a1', '--account', 'a'], box.env),
      runCcs(['codex', '--nickname', 'b1', '--account', 'b'], box.env),
      runCcs(['codex', '--nickname', 'c1', '--account', 'c'], box.env),
      runCcs(['codex', '--use', 'b@example.com'], box.env),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const accounts = await listAccounts(box.env);
    expect(accounts.map((a) => a.nickname)).toEqual(['a1', 'b1', 'c1']);
    expect(accounts.find((a) => a.default)?.email).toBe('b@example.com');
  }, 60_000);
});
