import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { freePort, repoRoot, type StartedProcess, waitFor } from '../../../scripts/lib/ccs-harness.mjs';
import { type BrowserSession, chromiumUnavailableReason, launchChromium } from './helpers/chromium.js';
import {
  COMPAT_KEY,
  type CompatContext,
  compatEntry,
  createCompatContext,
} from './helpers/compat-context.js';

// Every provider on the dashboard `ccs proxy` serves, in Chromium: Codex (the emulator) and an
// OpenAI-compatible endpoint (the testkit's upstream) each with their own table, sign-in state and
// sign-in ways. From the page: add an API-key account (the key never shows again, anywhere), choose a
// slot's model and effort from the live catalog (the file keeps its other keys), set the default effort;
// axe-core checks the new forms.
const skipReason = await chromiumUnavailableReason();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOT_DIR = join(repoRoot, 'docs/screenshots');

// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
const text = (locator: Locator) => locator.innerText();

describe.skipIf(skipReason !== undefined)(
  `the dashboard with two providers in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: BrowserSession;
    let ctx: CompatContext;
    let proxy: StartedProcess | undefined;

    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });
    beforeEach(async () => {
      ctx = await createCompatContext((baseUrl) => compatEntry(baseUrl));
    });
    afterEach(async () => {
      if (proxy && proxy.child.exitCode === null && proxy.child.signalCode === null)
        proxy.killGroup('SIGKILL');
      proxy = undefined;
      await ctx?.close();
    });

    test('Codex and an OpenAI-compatible provider: add an API key, edit a slot and the default effort', async () => {
      await ctx.login('john@example.com', 'plus', { extraArgs: ['--nickname', 'john'] });
      // The compatible provider's settings file, with keys ccs does not own: they must survive an edit.
      const compatSettings = join(ctx.sandbox.ccsHome, 'compat.settings.json');
      writeFileSync(
        compatSettings,
        `${JSON.stringify({ permissions: { allow: ['Bash(ls:*)'] }, env: { MY_OWN_VAR: 'kept', ANTHROPIC_MODEL: 'coder' } }, null, 2)}\n`,
        { mode: 0o600 },
      );
      const port = await freePort();
      proxy = ctx.startCcs(['proxy', '--port', String(port)], { timeoutMs: 120_000 });
      const url = await waitFor(
        () => /^Dashboard: (http:\S+#token=\S+)$/m.exec(proxy!.output().stdout)?.[1],
        {
          timeoutMs: 30_000,
          what: 'the dashboard URL',
        },
      );
      // CSP bypassed only so axe-core can be injected at the end; the page itself does not need it.
      const context = await browser.browser.newContext({
        bypassCSP: true,
        viewport: { width: 1280, height: 900 },
      });
      const page: Page = await context.newPage();
      await page.goto(url);
      const codex = page.locator('#providers-body section[data-provider="codex"]');
      const compat = page.locator('#providers-body section[data-provider="compat"]');
      await codex.locator('article[data-account="john"]').waitFor({ timeout: 30_000 });

      // Each provider has its own sign-in state and ways: Codex by browser or device code, compat by API key.
      expect(await text(compat.locator('.empty'))).toBe('No accounts. Sign in with: ccs compat --auth');
      expect(await codex.getByRole('button', { name: /sign in with browser$/ }).count()).toBe(1);
      expect(await codex.getByLabel('API key', { exact: true }).count()).toBe(0);
      expect(await compat.getByRole('button', { name: /sign in with/ }).count()).toBe(0);

      // Each provider's models, from its own settings file.
      const codexModels = page.locator('#models-body section[data-provider="codex"]');
      const compatModels = page.locator('#models-body section[data-provider="compat"]');
      expect(await text(codexModels)).toContain(join(ctx.sandbox.ccsHome, 'codex.settings.json'));
      expect(await text(codexModels)).toMatch(/Opus\s+gpt-/);
      expect(await text(compatModels)).toContain(compatSettings);
      expect(await text(compatModels)).toMatch(/Default\s+coder\b/);

      // Add an API-key account from the page: the key goes in a password field, and only in the POST body.
      const keyField = compat.getByLabel('API key', { exact: true });
      expect(await keyField.getAttribute('type')).toBe('password');
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST') posts.push(`${r.url()} ${r.postData() ?? ''}`);
      });
      const addKey = compat.getByRole('button', { name: /^Add API key for compat/ });
      const status = page.locator('#status');
      // The CLI's guards: a nickname it refuses is refused before the key is even checked...
      const checks = () => ctx.up.requests({ path: '/models' }).length;
      const checksBefore = checks();
      await compat.getByLabel('Nickname (optional)').fill('my key');
      await keyField.fill(COMPAT_KEY);
      await addKey.click();
      await expect.poll(() => status.getAttribute('class'), { timeout: 15_000 }).toBe('bad');
      expect(await text(status)).toMatch(/nickname/i);
      expect(checks()).toBe(checksBefore);
      // ...and a key the endpoint refuses is not stored, and not repeated.
      const wrongKey = 'sk-wrong-key-for-this-endpoint-42';
      await compat.getByLabel('Nickname (optional)').fill('work-key');
      await keyField.fill(wrongKey);
      await addKey.click();
      await expect
        .poll(() => text(status), { timeout: 15_000 })
        .toMatch(/refused this API key; nothing was stored/);
      expect(await text(page.locator('body'))).not.toContain(wrongKey);
      expect(await compat.locator('article.card').count()).toBe(0);
      await keyField.fill(COMPAT_KEY);
      await addKey.click();
      await compat.locator('article[data-account="work-key"]').waitFor({ timeout: 30_000 });
      await expect.poll(() => text(page.locator('#status'))).toMatch(/Added account "work-key"/);
      expect(await keyField.inputValue()).toBe('');
      // Twice (the refused nickname, then the sign-in), each time only in the body of the page's own POST.
      expect(posts.filter((p) => p.includes(COMPAT_KEY))).toEqual([
        expect.stringMatching(/\/api\/dashboard\/login \{.*"method":"api-key"/),
        expect.stringMatching(/\/api\/dashboard\/login \{.*"method":"api-key"/),
      ]);
      const authDir = join(ctx.sandbox.ccsHome, 'cliproxy', 'auth');
      const [file] = readdirSync(authDir).filter((f) => f.startsWith('compat-') && f.endsWith('.json'));
      expect(statSync(join(authDir, file!)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(join(authDir, file!), 'utf8')).api_key).toBe(COMPAT_KEY);
      const accounts = await ctx.ccs(['compat', '--accounts', '--json']);
      expect(accounts.stdout).toContain('work-key');
      // The endpoint checked the key once (GET /models with it), as `ccs compat --auth` does.
      expect(ctx.up.requests({ path: '/models' }).length).toBeGreaterThanOrEqual(1);

      // Edit compat's haiku slot: a model from its live catalog and one of that model's efforts.
      await compatModels.getByRole('button', { name: /^Edit the haiku slot of compat/ }).click();
      const form = compatModels.locator('form.slot-edit');
      const modelSelect = form.getByLabel('Model');
      await modelSelect.waitFor({ timeout: 15_000 }); // once the live catalog is read
      const options = await modelSelect.locator('option').allTextContents();
      expect(options).toEqual(
        expect.arrayContaining([expect.stringMatching(/^coder \(coder\) · up to high · All plans$/)]),
      );
      await modelSelect.selectOption('coder');
      const efforts = await form.getByLabel('Effort').locator('option').allTextContents();
      expect(efforts).toEqual([expect.stringMatching(/^Model default/), 'low', 'medium', 'high']);
      await form.getByLabel('Effort').selectOption('high');

      // axe-core on the page with both providers, the API-key form and the slot editor open.
      await page.evaluate(AXE_SOURCE);
      const axeSerious = async () => {
        const violations = (await page.evaluate(
          'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) })))',
        )) as Array<{ id: string; impact: string; nodes: string[] }>;
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious, JSON.stringify(violations, null, 2)).toEqual([]);
      };
      await axeSerious();

      await form.getByRole('button', { name: 'Save the haiku slot' }).click();
      await expect.poll(() => text(page.locator('#status'))).toMatch(/the haiku slot now uses coder-high\.$/);
      await expect.poll(() => text(compatModels)).toMatch(/Haiku\s+coder \(high\)/);
      const written = JSON.parse(readFileSync(compatSettings, 'utf8'));
      expect(written.env.ANTHROPIC_DEFAULT_HAIKU_MODEL).toBe('coder-high');
      expect(written.env.MY_OWN_VAR).toBe('kept');
      expect(written.permissions).toEqual({ allow: ['Bash(ls:*)'] });
      expect(statSync(compatSettings).mode & 0o777).toBe(0o600);

      // Codex's default effort, from its effort ladder; the table says so on the next refresh.
      await codexModels.getByRole('button', { name: 'Change the default effort of OpenAI Codex' }).click();
      await codexModels.getByLabel('Default effort', { exact: true }).selectOption('high');
      await codexModels.getByRole('button', { name: 'Save the default effort of OpenAI Codex' }).click();
      await expect.poll(() => text(codexModels)).toMatch(/Default effort: high\./);

      // A browser sign-in whose redirect cannot reach ccs (as when ccs runs on another machine): the person
      // pastes the address the sign-in tab ended on into the page, and the sign-in completes.
      ctx.emu.control.addAccount({ email: 'remote@example.com', plan: 'pro' });
      ctx.emu.control.setAuthorizeBehavior({ email: 'remote@example.com' });
      // The provider's redirect (a 302 to ccs's callback) is read but not followed: the tab shows an error.
      let ended = '';
      await context.route(
        (u) => u.searchParams.has('code_challenge'),
        async (route) => {
          const answer = await route.fetch({ maxRedirects: 0 });
          ended = answer.headers().location ?? '';
          await route.fulfill({
            status: 200,
            contentType: 'text/html',
            body: '<p>This site cannot be reached</p>',
          });
        },
      );
      // A sign-in started by mistake is cancelled from the page: nothing is saved.
      const before = (await ctx.ccs(['codex', '--accounts', '--json'])).stdout;
      await codex.getByRole('button', { name: /sign in with browser$/ }).click();
      await codex.getByRole('button', { name: 'Cancel sign-in' }).click();
      await expect
        .poll(() => text(page.locator('#status')), { timeout: 15_000 })
        .toBe('Sign-in cancelled; nothing was changed.');
      expect((await ctx.ccs(['codex', '--accounts', '--json'])).stdout).toBe(before);
      for (const tab of context.pages()) if (tab !== page) await tab.close();
      await expect.poll(() => ended, { timeout: 30_000 }).toMatch(/\/auth\/callback\?.*code=/);
      const stale = ended; // the cancelled sign-in's address: its state is no longer awaited
      ended = '';

      const popup = context.waitForEvent('page');
      await codex.getByLabel('Nickname (optional)').fill('remote');
      await codex.getByRole('button', { name: /sign in with browser$/ }).click();
      await popup;
      await expect.poll(() => ended, { timeout: 30_000 }).toMatch(/\/auth\/callback\?.*code=/);
      await axeSerious(); // with the paste form and Cancel sign-in showing
      // The cancelled sign-in's address fails the state check; the sign-in keeps waiting.
      await codex.getByLabel(/^Address the sign-in tab ended on/).fill(stale);
      await codex.getByRole('button', { name: 'Use this address' }).click();
      await expect
        .poll(() => text(codex.locator('.login-progress')), { timeout: 15_000 })
        .toMatch(/Still waiting; paste the URL again/);
      await codex.getByLabel(/^Address the sign-in tab ended on/).fill(ended);
      await codex.getByRole('button', { name: 'Use this address' }).click();
      await codex.locator('article[data-account="remote"]').waitFor({ timeout: 30_000 });
      await expect.poll(() => text(page.locator('#status'))).toMatch(/Added account "remote"/);
      const code = new URL(ended).searchParams.get('code')!;
      expect(await page.content()).not.toContain(code);

      const dir = process.env.CCS_E2E_UPDATE_SCREENSHOTS === '1' ? SCREENSHOT_DIR : ctx.sandbox.root;
      await compatModels.getByRole('button', { name: /^Edit the opus slot of compat/ }).click();
      await compatModels.locator('form.slot-edit').waitFor();
      await page.screenshot({ path: join(dir, 'dashboard-providers.png'), fullPage: true });
      // The key is nowhere a person or a log could see it.
      expect(await page.content()).not.toContain(COMPAT_KEY);
      const { stdout, stderr } = proxy.output();
      expect(`${stdout}${stderr}`).not.toContain(COMPAT_KEY);
      expect(`${stdout}${stderr}`).not.toContain(wrongKey);
      expect(`${stdout}${stderr}`).not.toContain(code);
      await context.close();
    }, 150_000);
  },
);
