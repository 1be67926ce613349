import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { repoRoot, type StartedProcess, stripAnsi, waitFor } from '../../../scripts/lib/ccs-harness.mjs';
import {
  type BrowserSession,
  chromiumUnavailableReason,
  contrastRatios,
  launchChromium,
  type RecordingContext,
} from './helpers/chromium.js';
import { createE2eContext, describe as dump, type E2eContext } from './helpers/e2e-context.js';

// `ccs codex --auth` as a person does it: ccs prints the sign-in URL, a real Chromium opens it, the (emulated)
// issuer redirects to ccs's loopback callback server, and the page Chromium renders is what the user reads.
const skipReason = await chromiumUnavailableReason();

// Screenshots land in the sandbox; CCS_E2E_UPDATE_SCREENSHOTS=1 writes the ones the docs show instead (so a
// normal run never changes tracked files).
const SCREENSHOT_DIR = join(repoRoot, 'docs/screenshots');
const AUTHORIZE_URL = /https?:\/\/[^\s'"<>]+\/oauth\/authorize\?[^\s'"<>]+/;

interface PendingLogin {
  proc: StartedProcess;
  authorizeUrl: string;
  callbackUrl: URL;
}

interface RenderedPage {
  response: Response | null;
  title: string;
  heading: string;
  /** What a person reads: the rendered text of the body. */
  text: string;
  lang: string | null;
}

describe.skipIf(skipReason !== undefined)(
  `ccs codex --auth in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: BrowserSession;
    let ctx: E2eContext;
    let tab: RecordingContext;
    let page: Page;
    let started: StartedProcess[] = [];

    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });
    beforeEach(async () => {
      ctx = await createE2eContext();
      tab = await browser.newContext();
      page = await tab.context.newPage();
    });
    afterEach(async () => {
      // Whatever the test did, Chromium never left the machine: no fonts, scripts or images from elsewhere.
      const outside = tab ? tab.nonLoopbackRequests() : [];
      // A test that failed half-way may leave ccs waiting for a sign-in; stop only those still running.
      for (const proc of started) {
        if (proc.child.exitCode === null && proc.child.signalCode === null) proc.killGroup('SIGKILL');
      }
      started = [];
      await tab?.context.close();
      await ctx?.close();
      expect(outside, 'requests Chromium made to non-loopback hosts').toEqual([]);
    });

    /** Starts `ccs codex --auth` (CCS_NO_BROWSER=1 in the sandbox, so it prints the URL) and reads the URL. */
    async function startLogin(): Promise<PendingLogin> {
      // stdin stays open: in headless mode ccs also accepts a pasted redirect URL there.
      const proc = ctx.startCcs(['codex', '--auth'], { stdin: 'pipe', timeoutMs: 60_000 });
      started.push(proc);
      let exited = false;
      void proc.exited.then(() => {
        exited = true;
      });
      const authorizeUrl = await waitFor(
        () => {
          const { stdout, stderr } = proc.output();
          const url = AUTHORIZE_URL.exec(stripAnsi(`${stdout}\n${stderr}`))?.[0];
          if (!url && exited)
            throw new Error(`ccs exited before printing the sign-in URL:\n${stdout}\n${stderr}`);
          return url;
        },
        { timeoutMs: 30_000, what: 'the sign-in URL in the output of ccs codex --auth' },
      );
      const redirectUri = new URL(authorizeUrl).searchParams.get('redirect_uri');
      expect(redirectUri, 'redirect_uri on the authorize URL').toBeTruthy();
      return { proc, authorizeUrl, callbackUrl: new URL(redirectUri!) };
    }

    async function render(response: Response | null): Promise<RenderedPage> {
      return {
        response,
        title: await page.title(),
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
        heading: (await page.locator('h1').innerText()).trim(),
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
        text: await page.locator('body').innerText(),
        lang: await page.locator('html').getAttribute('lang'),
      };
    }

    async function open(url: string): Promise<RenderedPage> {
      return render(await page.goto(url, { waitUntil: 'load', timeout: 30_000 }));
    }

    /** The basics every page the callback server serves must have, so anyone can read it. */
    async function expectReadablePage(rendered: RenderedPage): Promise<void> {
      expect(rendered.lang).toBe('en');
      expect(rendered.title.length).toBeGreaterThan(3);
      expect(rendered.heading.length).toBeGreaterThan(3);
      expect(rendered.response?.headers()['content-type']).toMatch(/^text\/html; charset=utf-8/i);
      // The code sits in this URL; a link on the page must not hand it to another site, nor a cache keep it.
      expect(rendered.response?.headers()['referrer-policy']).toBe('no-referrer');
      expect(rendered.response?.headers()['cache-control']).toBe('no-store');
      await expect(page.locator('h1').isVisible()).resolves.toBe(true);
      const box = await page.locator('main').boundingBox();
      expect(box, 'the message box is laid out').not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(900);
      expect(box!.y + box!.height).toBeLessThanOrEqual(600);
      // WCAG AA contrast against the message box: 4.5:1 for body text, 3:1 for the large bold heading.
      const ratios = await contrastRatios(page);
      expect(ratios.length, 'text elements in <main>').toBeGreaterThanOrEqual(2);
      for (const { selector, ratio, min } of ratios) {
        expect(ratio, `contrast of ${selector}`).toBeGreaterThanOrEqual(min);
      }
    }

    async function screenshot(name: string): Promise<void> {
      const dir = process.env.CCS_E2E_UPDATE_SCREENSHOTS === '1' ? SCREENSHOT_DIR : ctx.sandbox.root;
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, name), fullPage: false });
    }

    /** Asserts ccs is still running `forMs` later (it keeps waiting for a valid sign-in). */
    async function expectStillWaiting(proc: StartedProcess, forMs = 750): Promise<void> {
      const early = await Promise.race([
        proc.exited.then((r) => r),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), forMs)),
      ]);
      expect(early, early ? `ccs stopped waiting:\n${dump(early)}` : '').toBeUndefined();
    }

    test('success: Chromium shows the signed-in page, ccs exits 0 and lists the account', async () => {
      ctx.emu.control.addAccount({ email: 'john@example.com', plan: 'plus' });
      ctx.emu.control.setAuthorizeBehavior({ email: 'john@example.com' });
      const login = await startLogin();

      const rendered = await open(login.authorizeUrl);
      // Chromium followed the issuer's redirect to ccs's own callback server.
      const finalUrl = new URL(page.url());
      expect(`${finalUrl.origin}${finalUrl.pathname}`).toBe(
        `${login.callbackUrl.origin}${login.callbackUrl.pathname}`,
      );
      expect(rendered.response?.status()).toBe(200);
      await expectReadablePage(rendered);
      expect(rendered.title).toMatch(/signed in/i);
      expect(rendered.text).toMatch(/you are signed in/i);
      expect(rendered.text).toMatch(/close this tab/i);
      expect(rendered.text).toMatch(/terminal/i);
      // The code and state are in the address the redirect carried, and nowhere else.
      const code = finalUrl.searchParams.get('code');
      const state = finalUrl.searchParams.get('state');
      expect(code).toBeTruthy();
      expect(state).toBeTruthy();
      const html = await page.content();
      for (const secret of [code!, state!]) {
        expect(rendered.text).not.toContain(secret);
        expect(html).not.toContain(secret);
      }
      expect(finalUrl.pathname).not.toContain(code!);
      await screenshot('login-success.png');

      const result = await login.proc.exited;
      expect(result.code, dump(result)).toBe(0);
      expect(result.stdout).toMatch(/Signed in as john@example\.com/);
      expect(`${result.stdout}${result.stderr}`).not.toContain(code!);
      expect(ctx.emu.control.counters().codeExchanges).toBe(1);

      const accounts = await ctx.ccs(['codex', '--accounts', '--json']);
      expect(accounts.code, dump(accounts)).toBe(0);
      const parsed = JSON.parse(accounts.stdout) as { accounts: Array<Record<string, unknown>> };
      expect(parsed.accounts).toEqual([
        expect.objectContaining({ email: 'john@example.com', plan: 'plus', default: true }),
      ]);
    });

    test('access denied (no Codex entitlement): the page says why and what to do; ccs exits 1', async () => {
      ctx.emu.control.addAccount({ email: 'john@example.com', plan: 'plus' });
      ctx.emu.control.setAuthorizeBehavior({
        error: 'access_denied',
        description: 'missing_codex_entitlement',
      });
      const login = await startLogin();

      const rendered = await open(login.authorizeUrl);
      expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
      await expectReadablePage(rendered);
      // What happened…
      expect(rendered.heading).toMatch(/codex is not enabled/i);
      // …and what to do about it, in words rather than the raw OAuth error.
      expect(rendered.text).toMatch(/workspace admin/i);
      expect(rendered.text).not.toMatch(/signed in/i);
      await screenshot('login-error.png');

      const result = await login.proc.exited;
      expect(result.code, dump(result)).toBe(1);
      expect(stripAnsi(result.stderr)).toMatch(/Codex is not enabled for your ChatGPT workspace/);
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
      expect(ctx.emu.control.counters().codeExchanges).toBe(0);

      const accounts = await ctx.ccs(['codex', '--accounts', '--json']);
      expect(accounts.code, dump(accounts)).toBe(0);
      expect((JSON.parse(accounts.stdout) as { accounts: unknown[] }).accounts).toEqual([]);
    });

    test('access denied (cancelled): the page tells the user to run ccs codex --auth again', async () => {
      ctx.emu.control.setAuthorizeBehavior({ error: 'access_denied' });
      const login = await startLogin();

      const rendered = await open(login.authorizeUrl);
      await expectReadablePage(rendered);
      expect(rendered.heading).toMatch(/denied/i);
      expect(rendered.text).toMatch(/ccs codex --auth/);

      const result = await login.proc.exited;
      expect(result.code, dump(result)).toBe(1);
      expect(stripAnsi(result.stderr)).toMatch(/denied/i);
    });

    test('another OAuth error with markup in its description: shown as plain text, nothing is loaded', async () => {
      const login = await startLogin();
      // What an issuer (or anything that learned the state) could send back: HTML in error_description.
      const state = new URL(login.authorizeUrl).searchParams.get('state')!;
      const callback = new URL(login.callbackUrl);
      callback.searchParams.set('error', 'server_error');
      callback.searchParams.set('error_description', '<img src="https://evil.example/x.png"><b>boom</b>');
      callback.searchParams.set('state', state);

      const rendered = await open(callback.toString());
      await expectReadablePage(rendered);
      expect(rendered.heading).toMatch(/sign-in failed/i);
      // The markup is text on the page, not an element (afterEach checks evil.example was never asked).
      expect(rendered.text).toContain('<img src="https://evil.example/x.png"><b>boom</b>');
      expect(await page.locator('main img, main b').count()).toBe(0);
      expect(rendered.text).toMatch(/ccs codex --auth/);

      const result = await login.proc.exited;
      expect(result.code, dump(result)).toBe(1);
      expect(stripAnsi(result.stderr)).toMatch(/sign-in failed/i);
      expect(ctx.emu.control.counters().codeExchanges).toBe(0);
    });

    test('wrong or missing state: the page refuses it, ccs keeps waiting, then the real sign-in completes', async () => {
      ctx.emu.control.addAccount({ email: 'sarah@company.com', plan: 'pro' });
      ctx.emu.control.setAuthorizeBehavior({ email: 'sarah@company.com' });
      const login = await startLogin();

      // A forged callback (another tab, another login, or an attacker's link) with a code but the wrong state.
      const forged = new URL(login.callbackUrl);
      forged.searchParams.set('code', 'ac_forged_code_from_elsewhere');
      forged.searchParams.set('state', 'not-the-state-ccs-sent');
      const refused = await open(forged.toString());
      expect(refused.response?.status()).toBe(400);
      await expectReadablePage(refused);
      expect(refused.heading).toMatch(/not recognised/i);
      expect(refused.text).toMatch(/does not belong to the login/i);
      expect(refused.text).toMatch(/still waiting/i);
      // The page does not echo what it was sent.
      expect(refused.text).not.toContain('ac_forged_code_from_elsewhere');
      expect(refused.text).not.toContain('not-the-state-ccs-sent');
      await screenshot('login-state-mismatch.png');
      await expectStillWaiting(login.proc);

      // No state at all is refused the same way.
      const stateless = new URL(login.callbackUrl);
      stateless.searchParams.set('code', 'ac_forged_code_from_elsewhere');
      const refusedAgain = await open(stateless.toString());
      expect(refusedAgain.response?.status()).toBe(400);
      expect(refusedAgain.heading).toMatch(/not recognised/i);
      await expectStillWaiting(login.proc);
      expect(ctx.emu.control.counters().codeExchanges).toBe(0);

      // The user then opens the link ccs printed, and that sign-in goes through.
      const rendered = await open(login.authorizeUrl);
      expect(rendered.response?.status()).toBe(200);
      expect(rendered.title).toMatch(/signed in/i);
      const result = await login.proc.exited;
      expect(result.code, dump(result)).toBe(0);
      expect(result.stdout).toMatch(/Signed in as sarah@company\.com/);
      expect(ctx.emu.control.counters().codeExchanges).toBe(1);

      const accounts = await ctx.ccs(['codex', '--accounts', '--json']);
      expect(accounts.code, dump(accounts)).toBe(0);
      expect(JSON.parse(accounts.stdout)).toEqual({
        accounts: [expect.objectContaining({ email: 'sarah@company.com', plan: 'pro' })],
      });
    });

    test('the pages need no JavaScript and load nothing: success and error pages in a no-JS browser', async () => {
      await tab.context.close();
      tab = await browser.newContext({ javaScriptEnabled: false });
      page = await tab.context.newPage();
      ctx.emu.control.addAccount({ email: 'john@example.com', plan: 'plus' });
      ctx.emu.control.setAuthorizeBehavior({ email: 'john@example.com' });
      const login = await startLogin();

      const success = await open(login.authorizeUrl);
      await expectReadablePage(success);
      expect(success.text).toMatch(/you are signed in/i);
      expect(await page.content()).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
      expect((await login.proc.exited).code).toBe(0);

      // An error page, too, is complete without scripts.
      ctx.emu.control.setAuthorizeBehavior({ error: 'access_denied' });
      const second = await startLogin();
      const denied = await open(second.authorizeUrl);
      await expectReadablePage(denied);
      expect(denied.text).toMatch(/denied/i);
      expect(await page.content()).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
      expect((await second.proc.exited).code).toBe(1);

      // Every request went to the emulator or to ccs's callback server (checked for all tests in afterEach).
      const hosts = new Set(tab.requests.map((u) => new URL(u).host));
      expect([...hosts].every((h) => h.startsWith('127.0.0.1:') || h.startsWith('localhost:'))).toBe(true);
    });
  },
);
