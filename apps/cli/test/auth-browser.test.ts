import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Emulator } from '@ccs/testkit';
import { describe, expect, it } from 'vitest';
import {
  AUTHORIZE_URL,
  fakeBrowser,
  playBrowser,
  runCcs,
  type Sandbox,
  startCcs,
  useEmulatorSandbox,
} from './auth-harness.js';

let emu: Emulator;
let box: Sandbox;

// A desktop session: a display, not SSH, and a "browser" that records what it was asked to open.
useEmulatorSandbox(
  { accounts: [{ email: 'john@example.com', plan: 'plus' }], env: { DISPLAY: ':99' } },
  (e, b) => {
    emu = e;
    box = b;
  },
);

describe('ccs codex --auth (browser)', () => {
  it('opens the browser, takes the callback, exchanges the code and stores the account', async () => {
    const browser = await fakeBrowser(box.ccsHome.replace(/ccs$/, ''));
    emu.control.setAuthorizeBehavior({ email: 'john@example.com' });
    const run = startCcs(['codex', '--auth'], { ...box.env, BROWSER: browser.path });
    const [, url] = await run.waitFor(AUTHORIZE_URL);
    const authorize = new URL(url!);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      redirect_uri: `http://localhost:${box.env.CCS_CODEX_CALLBACK_PORT}/auth/callback`,
      scope: 'openid profile email offline_access',
      code_challenge_method: 'S256',
      id_token_add_organizations: 'true',
      codex_cli_simplified_flow: 'true',
      originator: 'codex_cli_rs',
    });
    await run.waitFor(/Ctrl-C/);
    const page = await playBrowser(url!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Signed in to Codex');
    const done = await run.exit;
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(
      /Signed in as john@example.com \(plus\)\. Added account "john" \(default\)\./,
    );
    expect(emu.control.counters().codeExchanges).toBe(1);

    // The token file: INTERFACE format, 0600 in a 0700 folder.
    const files = (await import('node:fs/promises')).readdir(box.authDir);
    const names = (await files).filter((n) => n.endsWith('.json'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^codex-[0-9a-f]{8}-john@example\.com\.json$/);
    const tokenPath = join(box.authDir, names[0]!);
    const token = JSON.parse(await readFile(tokenPath, 'utf8'));
    expect(token).toMatchObject({ type: 'codex', email: 'john@example.com' });
    for (const key of [
      'access_token',
      'refresh_token',
      'id_token',
      'account_id',
      'expired',
      'last_refresh',
    ]) {
      expect(typeof token[key]).toBe('string');
    }
    expect(new Date(token.expired).toISOString()).toBe(token.expired);
    expect((await stat(tokenPath)).mode & 0o777).toBe(0o600);
    expect((await stat(box.authDir)).mode & 0o777).toBe(0o700);
    const registry = JSON.parse(await readFile(join(box.ccsHome, 'cliproxy/accounts.json'), 'utf8'));
    expect(registry.version).toBe(1);
    const [id, entry] = Object.entries(registry.providers.codex.accounts)[0] as [
      string,
      Record<string, unknown>,
    ];
    expect(registry.providers.codex.default).toBe(id);
    expect(entry).toMatchObject({
      email: 'john@example.com',
      nickname: 'john',
      tokenFile: names[0],
      plan: 'plus',
    });
    expect((await stat(join(box.ccsHome, 'cliproxy/accounts.json'))).mode & 0o777).toBe(0o600);
    // The browser was really asked to open the same URL.
    expect(await readFile(browser.opened, 'utf8').catch(() => '')).toBe(url);
  });

  it('refuses a callback with a wrong state, keeps waiting, then completes', async () => {
    const run = startCcs(['codex', '--auth'], box.env);
    const [, url] = await run.waitFor(AUTHORIZE_URL);
    const port = box.env.CCS_CODEX_CALLBACK_PORT;
    const forged = await fetch(`http://127.0.0.1:${port}/auth/callback?code=forged&state=not-the-state`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/state mismatch/);
    const missing = await fetch(`http://127.0.0.1:${port}/auth/callback?code=forged`);
    expect(missing.status).toBe(400);
    expect(run.child.exitCode).toBeNull();
    const page = await playBrowser(url!);
    expect(page.status).toBe(200);
    const done = await run.exit;
    expect(done.code).toBe(0);
    expect(emu.control.counters().codeExchanges).toBe(1);
  });

  it('shows access_denied on the page and in the terminal, exit 1, nothing stored', async () => {
    emu.control.setAuthorizeBehavior({ error: 'access_denied', description: 'missing_codex_entitlement' });
    const run = startCcs(['codex', '--auth'], box.env);
    const [, url] = await run.waitFor(AUTHORIZE_URL);
    const page = await playBrowser(url!);
    expect(page.text).toContain('Codex is not enabled for your ChatGPT workspace');
    const done = await run.exit;
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(/Codex is not enabled for your ChatGPT workspace\. Ask your workspace admin/);
    expect(emu.control.counters().codeExchanges).toBe(0);
    const list = await runCcs(['codex', '--accounts', '--json'], box.env);
    expect(JSON.parse(list.stdout)).toEqual({ accounts: [] });
  });

  it('a plain access_denied says the sign-in was denied', async () => {
    emu.control.setAuthorizeBehavior({ error: 'access_denied' });
    const run = startCcs(['codex', '--auth'], box.env);
    const [, url] = await run.waitFor(AUTHORIZE_URL);
    await playBrowser(url!);
    const done = await run.exit;
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(/Access was denied/);
  });

  it('times out with a message that says what to try, and frees the port', async () => {
    const started = Date.now();
    const done = await runCcs(['codex', '--auth'], { ...box.env, CCS_CODEX_LOGIN_TIMEOUT: '1' });
    expect(done.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(done.stderr).toMatch(/No sign-in completed within 1 s\./);
    expect(done.stderr).toMatch(/--headless/);
    expect(done.stderr).toMatch(/--device/);
    await expect(
      fetch(`http://127.0.0.1:${box.env.CCS_CODEX_CALLBACK_PORT}/auth/callback`),
    ).rejects.toThrow();
  });

  it('Ctrl-C cancels cleanly: exit 130, the callback server is closed, nothing stored', async () => {
    const run = startCcs(['codex', '--auth'], box.env);
    await run.waitFor(AUTHORIZE_URL);
    run.child.kill('SIGINT');
    const done = await run.exit;
    expect(done.code).toBe(130);
    expect(done.stderr).toMatch(/cancelled/i);
    await expect(
      fetch(`http://127.0.0.1:${box.env.CCS_CODEX_CALLBACK_PORT}/auth/callback`),
    ).rejects.toThrow();
  });

  it('never touches a program holding the callback port: falls back to 1457, or says both are busy', async () => {
    const holder = createServer(() => {}).listen(Number(box.env.CCS_CODEX_CALLBACK_PORT), '127.0.0.1');
    await new Promise((r) => holder.once('listening', r));
    const probe = createServer().listen(1457, '127.0.0.1');
    const fallbackFree = await new Promise<boolean>((r) => {
      probe.once('listening', () => probe.close(() => r(true)));
      probe.once('error', () => r(false));
    });
    try {
      const run = startCcs(['codex', '--auth', '--headless'], box.env);
      if (fallbackFree) {
        const [, url] = await run.waitFor(AUTHORIZE_URL);
        await run.waitFor(/is busy \(another program holds it\); using port 1457/);
        expect(new URL(url!).searchParams.get('redirect_uri')).toBe('http://localhost:1457/auth/callback');
        await playBrowser(url!);
        expect((await run.exit).code).toBe(0);
      } else {
        const done = await run.exit;
        expect(done.code).toBe(1);
        expect(done.stderr).toMatch(/in use by another program/);
        expect(done.stderr).toMatch(/--device/);
      }
      expect(holder.listening).toBe(true);
    } finally {
      holder.close();
    }
  });

  // A real browser, when the machine has one: ccs opens it through xdg-open/$BROWSER, Chromium follows
  // the emulator's redirect to the loopback callback and renders the success page; nobody plays browser.
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  it.skipIf(!chromium)(
    'completes with a real (headless) Chromium opened by ccs',
    async () => {
      const dir = box.ccsHome.replace(/ccs$/, '');
      const dom = `${dir}chromium-dom.html`;
      const script = `${dir}chromium.sh`;
      await writeFile(
        script,
        `#!/bin/sh\nexec ${chromium} --headless --no-sandbox --disable-gpu --user-data-dir='${dir}chromium-profile' --dump-dom "$1" > '${dom}' 2>/dev/null\n`,
        { mode: 0o755 },
      );
      const run = startCcs(['codex', '--auth'], { ...box.env, BROWSER: script });
      const done = await run.exit;
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(/Signed in as john@example.com \(plus\)/);
      // Chromium writes the DOM when it is done, which may be just after ccs exits.
      let page = '';
      for (let i = 0; i < 100 && !page.includes('</html>'); i++) {
        page = await readFile(dom, 'utf8').catch(() => '');
        if (!page.includes('</html>')) await new Promise((r) => setTimeout(r, 100));
      }
      expect(page).toContain('Signed in to Codex');
    },
    60_000,
  );
});
