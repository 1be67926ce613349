import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { freePort, repoRoot, type StartedProcess, waitFor } from '../../../scripts/lib/ccs-harness.mjs';
import { type BrowserSession, chromiumUnavailableReason, launchChromium } from './helpers/chromium.js';
import { createE2eContext, describe as dump, type E2eContext } from './helpers/e2e-context.js';

// The dashboard's actions as a person uses them, in Chromium, on the dashboard `ccs proxy` serves: rename and
// sign out an account, the usage chart from the ledger, the live request log; a write from another local
// origin is refused; axe-core finds no serious accessibility violation.
const skipReason = await chromiumUnavailableReason();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOT_DIR = join(repoRoot, 'docs/screenshots');

describe.skipIf(skipReason !== undefined)(
  `dashboard actions in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: BrowserSession;
    let ctx: E2eContext;
    let proxy: StartedProcess | undefined;
    let other: Server | undefined;

    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });
    beforeEach(async () => {
      ctx = await createE2eContext();
    });
    afterEach(async () => {
      if (proxy && proxy.child.exitCode === null && proxy.child.signalCode === null)
        proxy.killGroup('SIGKILL');
      proxy = undefined;
      other?.close();
      other = undefined;
      await ctx?.close();
    });

    /** Two signed-in accounts, a Claude Code session's worth of ledger, then `ccs proxy` with its dashboard. */
    async function startProxyDashboard(): Promise<{
      proxyUrl: string;
      dashboardUrl: string;
      apiKey: string;
    }> {
      await ctx.login('john@example.com', 'plus', { extraArgs: ['--nickname', 'john'] });
      await ctx.login('work@example.com', 'pro', { extraArgs: ['--add', '--nickname', 'work'] });
      ctx.emu.control.enqueueTurn({
        usage: { inputTokens: 1500, cachedTokens: 500, outputTokens: 250, reasoningTokens: 50 },
      });
      const session = await ctx.ccs(['codex', '-p', 'say hi']);
      expect(session.code, dump(session)).toBe(0);
      const port = await freePort();
      proxy = ctx.startCcs(['proxy', '--port', String(port)], { timeoutMs: 100_000 });
      const dashboardUrl = await waitFor(
        () => /^Dashboard: (http:\S+#token=\S+)$/m.exec(proxy!.output().stdout)?.[1],
        { timeoutMs: 30_000, what: 'the dashboard URL' },
      );
      const config = readFileSync(join(ctx.sandbox.ccsHome, 'cliproxy/config.yaml'), 'utf8');
      const apiKey = /api-keys:\s*\n\s*-\s*["']?([^"'\s]+)/.exec(config)![1]!;
      return { proxyUrl: `http://127.0.0.1:${port}`, dashboardUrl, apiKey };
    }

    async function openPage(url: string): Promise<Page> {
      const tab = await browser.newContext();
      const page = await tab.context.newPage();
      await page.goto(url);
      await page.locator('article.card').nth(1).waitFor({ timeout: 30_000 });
      return page;
    }

    const accountsJson = async () => {
      const r = await ctx.ccs(['codex', '--accounts', '--json']);
      return (JSON.parse(r.stdout) as { accounts: Array<{ nickname: string; default: boolean }> }).accounts;
    };
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
    const text = (page: Page, selector: string) => page.locator(selector).innerText();

    test('rename and sign out; usage chart from the ledger; live request log', async () => {
      const { proxyUrl, dashboardUrl, apiKey } = await startProxyDashboard();
      const page = await openPage(dashboardUrl);

      // The usage chart: today's row holds the session ccs codex -p just ran (the emulator's usage).
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      });
      const row = page.locator('table.usage-table tbody tr', { hasText: today });
      await row.waitFor({ timeout: 15_000 });
      const cells = await row.locator('td').allTextContents();
      expect(cells.slice(0, 2)).toEqual([today, expect.stringMatching(/^\d+$/)]);
      const requests = Number(cells[1]);
      expect(requests).toBeGreaterThanOrEqual(1);
      expect(cells.slice(2)).toContain('1,000'); // at least the scripted turn's uncached input…
      expect(Number(cells[3]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(500); // …and its cached input

      // The live log: a request through this proxy shows up on the open page.
      const sent = await fetch(`${proxyUrl}/v1/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': apiKey,
          'anthropic-version': '2023-06-01',
        },
        body: JSON.stringify({
          model: 'claude-sonnet-4-5',
          max_tokens: 64,
          messages: [{ role: 'user', content: 'hello' }],
        }),
      });
      expect(sent.status).toBe(200);
      await expect
        .poll(() => text(page, '#log-body'), { timeout: 15_000 })
        .toMatch(
          /POST \/v1\/messages model=claude-sonnet-4-5 .*reasoning\.effort: \w+ .*account=john status=200/,
        );
      expect(await text(page, '#log-body')).not.toContain(apiKey);

      // Rename john to johnny from the page; ccs itself sees the new name.
      await page.getByRole('button', { name: 'Rename john' }).click();
      const input = page.getByLabel('New name');
      await input.fill('johnny');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('article[data-account="johnny"]').waitFor({ timeout: 15_000 });
      await expect.poll(() => text(page, '#status')).toBe('john is now called johnny.');
      expect((await accountsJson()).map((a) => a.nickname).sort()).toEqual(['johnny', 'work']);

      // A name ccs refuses is refused here too, with the CLI's own message, and nothing changes.
      await page.getByRole('button', { name: 'Rename work' }).click();
      await page.getByLabel('New name').fill('johnny');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.locator('#status').getAttribute('class')).toBe('bad');
      expect(await text(page, '#status')).toMatch(/johnny/);
      expect((await accountsJson()).map((a) => a.nickname).sort()).toEqual(['johnny', 'work']);
      await page.reload();
      await page.locator('article.card').nth(1).waitFor();

      // Sign out of work: two clicks (it revokes upstream and cannot be undone here).
      const revokesBefore = ctx.emu.control.requests({ path: '/oauth/revoke' }).length;
      await page.getByRole('button', { name: 'Sign out of work' }).click();
      expect(await accountsJson()).toHaveLength(2);
      await page.getByRole('button', { name: 'Confirm: sign out of work' }).click();
      await expect.poll(() => page.locator('article.card').count(), { timeout: 15_000 }).toBe(1);
      expect((await accountsJson()).map((a) => a.nickname)).toEqual(['johnny']);
      expect(ctx.emu.control.requests({ path: '/oauth/revoke' }).length).toBeGreaterThan(revokesBefore);

      const dir = process.env.CCS_E2E_UPDATE_SCREENSHOTS === '1' ? SCREENSHOT_DIR : ctx.sandbox.root;
      await page.setViewportSize({ width: 1400, height: 860 });
      await page.screenshot({ path: join(dir, 'dashboard-actions.png'), fullPage: true });
      expect(await text(page, 'body')).not.toMatch(/eyJ|token=/);
    });

    /** The dashboard a command serves, open in a fresh tab once the first account card shows. */
    async function openServed(args: string[], urlLine: RegExp) {
      proxy = ctx.startCcs(args, { timeoutMs: 100_000 });
      const url = await waitFor(() => urlLine.exec(proxy!.output().stdout)?.[1], {
        timeoutMs: 30_000,
        what: 'the dashboard URL',
      });
      const tab = await browser.newContext();
      const page = await tab.context.newPage();
      await page.goto(url);
      await page.locator('article.card').first().waitFor({ timeout: 30_000 });
      return { tab, page };
    }

    test("adds an account from the page: browser sign-in round trip on ccs proxy's dashboard, device code on ccs dashboard, with the CLI's checks", async () => {
      await ctx.login('john@example.com', 'plus', { extraArgs: ['--nickname', 'john'] });
      const port = await freePort();
      let { tab, page } = await openServed(
        ['proxy', '--port', String(port)],
        /^Dashboard: (http:\S+#token=\S+)$/m,
      );
      let nickname = page.getByLabel('Nickname (optional)');

      // A nickname the CLI would refuse is refused before any sign-in starts.
      await nickname.fill('my work');
      await page
        .getByRole('button', { name: 'Add a OpenAI Codex account: sign in with a device code' })
        .click();
      await expect.poll(() => page.locator('#status').getAttribute('class'), { timeout: 15_000 }).toBe('bad');
      expect(await text(page, '#status')).toMatch(/whitespace/);
      expect(ctx.emu.control.requests({ path: '/api/accounts/deviceauth/usercode' })).toHaveLength(0);

      // Browser sign-in: the page opens the authorization URL in a new tab; the emulator signs in the
      // chosen person and redirects to ccs's callback server, which checks the state and saves the account.
      ctx.emu.control.addAccount({ email: 'new@example.com', plan: 'pro' });
      ctx.emu.control.setAuthorizeBehavior({ email: 'new@example.com' });
      await nickname.fill('newbie');
      const popup = tab.context.waitForEvent('page');
      await page.getByRole('button', { name: 'Add a OpenAI Codex account: sign in with browser' }).click();
      const signIn = await popup;
      await signIn.waitForURL(/\/auth\/callback\?/, { timeout: 30_000 });
      await page.locator('article[data-account="newbie"]').waitFor({ timeout: 30_000 });
      await expect.poll(() => text(page, '#status')).toMatch(/Added account "newbie"/);
      const afterBrowser = await accountsJson();
      expect(afterBrowser.map((a) => [a.nickname, a.default])).toEqual(
        expect.arrayContaining([
          ['john', true],
          ['newbie', false],
        ]),
      );
      expect(await text(page, 'body')).not.toMatch(/eyJ|token=|refresh_token|access_token/);
      await tab.context.close();
      proxy!.killGroup('SIGTERM');
      await proxy!.exited;

      // Device code, on `ccs dashboard`: the page shows the code to enter; the emulator approves it.
      ({ tab, page } = await openServed(['dashboard', '--no-open'], /^(http:\S+#token=\S+)$/m));
      nickname = page.getByLabel('Nickname (optional)');
      ctx.emu.control.addAccount({ email: 'dev@example.com', plan: 'plus' });
      ctx.emu.control.setDeviceBehavior({ email: 'dev@example.com' });
      await nickname.fill('devbox');
      await page
        .getByRole('button', { name: 'Add a OpenAI Codex account: sign in with a device code' })
        .click();
      await expect
        .poll(() => text(page, '.login-progress'), { timeout: 15_000 })
        .toMatch(/enter the code:\s+\S+/);
      await page.locator('article[data-account="devbox"]').waitFor({ timeout: 60_000 });
      expect((await accountsJson()).map((a) => a.nickname).sort()).toEqual(['devbox', 'john', 'newbie']);
      expect(await text(page, 'body')).not.toMatch(/eyJ|token=|refresh_token|access_token/);
      await tab.context.close();
    }, 150_000);

    test('a write from another local origin is refused, even one that knows the token', async () => {
      const { dashboardUrl } = await startProxyDashboard();
      const [origin, fragment] = dashboardUrl.split('/dashboard#token=') as [string, string];
      // Another page on this machine (a local dev server, a malicious page on another port).
      const port = await freePort();
      other = createServer((_, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>other</p>'),
      );
      await new Promise<void>((resolve) => other!.listen(port, '127.0.0.1', resolve));
      const tab = await browser.newContext();
      const page = await tab.context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      const before = await accountsJson();
      const settingsFile = join(ctx.sandbox.ccsHome, 'codex.settings.json');
      const settingsText = () => (existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : null);
      const settingsBefore = settingsText();
      const work = before.find((a) => a.nickname === 'work')!;
      expect(work.default).toBe(false);
      // The page reads the account key from the state (as if it had stolen the token), then tries each kind of write.
      const outcome = await page.evaluate(
        async ({ origin, token }) => {
          const results: string[] = [];
          const state = await fetch(`${origin}/api/dashboard/state`, {
            headers: { 'x-ccs-dashboard-token': token },
          })
            .then((r) => r.json() as Promise<Record<string, unknown>>)
            .catch((e: Error): Record<string, unknown> => ({ error: e.message }));
          results.push(`state:${'providers' in state ? 'read' : 'blocked'}`);
          const body = JSON.stringify({ provider: 'codex', account: 'any' });
          for (const path of ['default', 'rename', 'logout', 'login', 'models']) {
            const r = await fetch(`${origin}/api/dashboard/${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-ccs-dashboard-token': token },
              body,
            }).then(
              (res) => `status ${res.status}`,
              () => 'blocked',
            );
            results.push(`${path}:${r}`);
          }
          // A "simple" request (no preflight): no custom header, so no token either.
          const simple = await fetch(`${origin}/api/dashboard/default`, {
            method: 'POST',
            mode: 'no-cors',
            headers: { 'content-type': 'text/plain' },
            body,
          }).then(
            () => 'sent',
            () => 'blocked',
          );
          results.push(`simple:${simple}`);
          return results;
        },
        { origin, token: decodeURIComponent(fragment) },
      );
      // Chromium's CORS preflight fails (the dashboard answers it 401 without CORS headers), so nothing is read or written.
      expect(outcome).toEqual([
        'state:blocked',
        'default:blocked',
        'rename:blocked',
        'logout:blocked',
        'login:blocked',
        'models:blocked',
        expect.any(String),
      ]);
      expect(await accountsJson()).toEqual(before);
      // Whatever reached the server was refused: the proxy's dashboard log of 4xx answers is not needed —
      // the accounts are unchanged, and a direct write with a foreign Origin gets 403 (the CSRF check itself).
      const direct = await fetch(`${origin}/api/dashboard/default`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ccs-dashboard-token': decodeURIComponent(fragment),
          origin: `http://127.0.0.1:${port}`,
        },
        body: JSON.stringify({ provider: 'codex', account: 'any' }),
      });
      expect(direct.status).toBe(403);
      // The same for the newer writes: a model edit and an API-key sign-in.
      for (const [path, body] of [
        ['models', { provider: 'codex', slot: 'opus', model: 'gpt-5.6-luna', effort: null }],
        ['login', { provider: 'codex', method: 'device' }],
      ] as const) {
        const r = await fetch(`${origin}/api/dashboard/${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-ccs-dashboard-token': decodeURIComponent(fragment),
            origin: `http://127.0.0.1:${port}`,
          },
          body: JSON.stringify(body),
        });
        expect(r.status, path).toBe(403);
      }
      expect(ctx.emu.control.requests({ path: '/api/accounts/deviceauth/usercode' })).toHaveLength(0);
      expect(settingsText()).toBe(settingsBefore);
      expect(await accountsJson()).toEqual(before);
    });

    test('axe-core finds no serious or critical accessibility violation', async () => {
      const { dashboardUrl } = await startProxyDashboard();
      // axe is injected as a script, which the page's CSP forbids on purpose: this context bypasses CSP for the check.
      const context = await browser.browser.newContext({
        bypassCSP: true,
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(dashboardUrl);
      await page.locator('article.card').nth(1).waitFor({ timeout: 30_000 });
      await page.locator('table.usage-table').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Rename john' }).click(); // the rename form is checked too
      await page.evaluate(AXE_SOURCE);
      const violations = (await page.evaluate(
        'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) })))',
      )) as Array<{ id: string; impact: string; nodes: string[] }>;
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, JSON.stringify(violations, null, 2)).toEqual([]);
      await context.close();
    });
  },
);
