import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { repoRoot, type StartedProcess, waitFor } from '../../../scripts/lib/ccs-harness.mjs';
import {
  type BrowserSession,
  chromiumUnavailableReason,
  contrastRatios,
  launchChromium,
  type RecordingContext,
} from './helpers/chromium.js';
import { createE2eContext, describe as dump, type E2eContext } from './helpers/e2e-context.js';

// `ccs dashboard` as a person uses it: two accounts signed in against the emulator, the URL ccs prints opened in a
// real Chromium, the rendered text compared with the usage the emulator serves, then Refresh and Make default.
const skipReason = await chromiumUnavailableReason();
const SCREENSHOT_DIR = join(repoRoot, 'docs/screenshots');
const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const pad = (n: number) => String(n).padStart(2, '0');
/** Chromium runs in this process's time zone, so local times here are the page's local times. */
const hm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

describe.skipIf(skipReason !== undefined)(
  `ccs dashboard in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: BrowserSession;
    let ctx: E2eContext;
    let tab: RecordingContext;
    let page: Page;
    let proc: StartedProcess | undefined;

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
      const outside = tab ? tab.nonLoopbackRequests() : [];
      if (proc && proc.child.exitCode === null && proc.child.signalCode === null) proc.killGroup('SIGKILL');
      proc = undefined;
      await tab?.context.close();
      await ctx?.close();
      expect(outside, 'requests Chromium made to non-loopback hosts').toEqual([]);
    });

    /** Quota reads the upstream answered (a signed-out account's attempts never get a 200). */
    const usageCalls = () =>
      ctx.emu.control.requests({ path: '/backend-api/wham/usage' }).filter((r) => r.status === 200).length;
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
    const cardText = (nickname: string) => page.locator(`article[data-account="${nickname}"]`).innerText();

    test('shows every account with its windows and resets; Refresh and Make default work', async () => {
      await ctx.login('john@example.com', 'plus');
      await ctx.login('work@example.com', 'team', { extraArgs: ['--add', '--nickname', 'work'] });
      await ctx.login('old@example.com', 'free', { extraArgs: ['--add', '--nickname', 'old'] });
      ctx.emu.control.expireAccessTokens('old@example.com');
      ctx.emu.control.invalidateRefreshTokens('old@example.com', 'expired');
      const setAt = Date.now();
      ctx.emu.control.setUsage('john@example.com', {
        primary: { usedPercent: 45, windowMinutes: 300, resetAfterSeconds: 3 * 3600 + 12 * 60 },
        secondary: { usedPercent: 21, windowMinutes: 10_080, resetAfterSeconds: 4 * 86_400 + 15 * 3600 },
        additional: [
          {
            limitName: 'GPT-5.3-Codex-Spark',
            meteredFeature: 'codex_bengalfox',
            primary: { usedPercent: 78, windowMinutes: 300, resetAfterSeconds: 50 * 60 },
          },
        ],
      });
      // A body with message counts (as in the user's description: "45/50 messages"), served as it is.
      ctx.emu.control.setUsage('work@example.com', {
        raw: {
          plan_type: 'team',
          rate_limit: {
            allowed: true,
            limit_reached: false,
            primary_window: {
              used_percent: 90,
              used: 45,
              limit: 50,
              limit_window_seconds: 86_400,
              reset_after_seconds: 6 * 3600 + 12 * 60,
            },
            secondary_window: {
              used_percent: 42,
              used: 210,
              limit: 500,
              limit_window_seconds: 604_800,
              reset_after_seconds: 2 * 86_400 + 6 * 3600 + 600,
            },
          },
        },
      });

      proc = ctx.startCcs(['dashboard', '--no-open'], { timeoutMs: 100_000 });
      const url = await waitFor(
        () => /^(http:\/\/127\.0\.0\.1:\d+\/dashboard#token=\S+)$/m.exec(proc!.output().stdout)?.[1],
        {
          timeoutMs: 30_000,
          what: 'the dashboard URL on the first line of stdout',
        },
      );
      expect(proc.output().stdout.split('\n')[0]).toBe(url);

      const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'/);
      await page.locator('article.card').nth(2).waitFor({ timeout: 30_000 });
      expect(await page.title()).toBe('ccs dashboard');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      // The token left the address bar once read (screenshots and shoulder-surfers do not see it).
      expect(page.url()).not.toContain('token=');

      const john = await cardText('john');
      expect(john).toContain('john@example.com');
      expect(john).toMatch(/Plus/);
      expect(john).toMatch(/Default/);
      expect(john).toMatch(/5h\s+45% used/);
      expect(john).toMatch(/resets in 3h 1[12]m · \w{3} \d+ \w{3} \d\d:\d\d/);
      expect(john).toMatch(/Weekly\s+21% used/);
      expect(john).toMatch(/resets in 4d 1[45]h/);
      const johnWeekly = new Date(setAt + (4 * 86_400 + 15 * 3600) * 1000);
      expect(john).toContain(`Weekly reset: ${WEEKDAYS[johnWeekly.getDay()]} at`);
      expect(john).toMatch(/as of \d\d:\d\d/);

      const work = await cardText('work');
      expect(work).toContain('work@example.com');
      expect(work).toMatch(/Team/);
      expect(work).toMatch(/Daily\s+45\/50 messages \(90% used\)/);
      expect(work).toMatch(/resets in 6h 1[12]m/);
      expect(work).toMatch(/Weekly\s+210\/500 messages \(42% used\)/);
      const workReset = new Date(setAt + (2 * 86_400 + 6 * 3600 + 600) * 1000);
      expect(work).toMatch(/resets in 2d [56]h/);
      expect(work).toContain(`Weekly reset: ${WEEKDAYS[workReset.getDay()]} at`);
      expect(work).toMatch(new RegExp(`${hm(workReset).slice(0, 4)}\\d`));
      expect(work).toContain('Make default');

      const old = await cardText('old');
      expect(old).toContain('Your Codex sign-in has expired');
      expect(old).toContain('reauth needed: run ccs codex --auth');
      expect(john).toMatch(/GPT-5\.3-Codex-Spark 5h\s+78% used/);

      // The slot models come from codex.settings.json, each with its max effort and plans.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
      const models = await page.locator('#models-body').innerText();
      expect(models).toContain('codex.settings.json');
      expect(models).toMatch(/Opus\s+gpt-/);
      expect(models).toMatch(/Haiku\s+gpt-/);

      // Inside the 2-minute cache a reload reads the cache; Refresh asks the upstream again.
      const before = usageCalls();
      await page.reload({ waitUntil: 'load' });
      await page.locator('article.card').nth(2).waitFor();
      await expect.poll(() => page.locator('#asof').textContent()).toMatch(/cached/);
      expect(usageCalls()).toBe(before);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toBe('Refreshed.');
      expect(usageCalls()).toBe(before + 2);

      // At 900 px nothing overflows sideways; text meets WCAG AA.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(900);
      for (const { selector, ratio, min } of await contrastRatios(page)) {
        expect(ratio, `contrast of ${selector}`).toBeGreaterThanOrEqual(min);
      }

      // Make default: the page updates and ccs itself now uses work first.
      await page.getByRole('button', { name: 'Make default: work' }).click();
      await expect.poll(() => cardText('work'), { timeout: 15_000 }).toMatch(/Default/);
      expect(await cardText('john')).toContain('Make default');
      const quota = await ctx.ccs(['cliproxy', 'quota', '--json']);
      const doc = JSON.parse(quota.stdout) as { accounts: Array<{ nickname: string; default: boolean }> };
      expect(doc.accounts.find((a) => a.nickname === 'work')?.default, dump(quota)).toBe(true);

      const dir = process.env.CCS_E2E_UPDATE_SCREENSHOTS === '1' ? SCREENSHOT_DIR : ctx.sandbox.root;
      mkdirSync(dir, { recursive: true });
      if (process.env.CCS_E2E_NARROW_SCREENSHOT === '1')
        await page.screenshot({ path: join(dir, 'dashboard-900.png'), fullPage: true });

      // The docs' screenshot, at a desktop width.
      await page.setViewportSize({ width: 1400, height: 860 });
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1400);
      await page.screenshot({ path: join(dir, 'dashboard.png'), fullPage: true });

      // No token, id or API key in what the page shows.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
      const shown = await page.locator('body').innerText();
      expect(shown).not.toMatch(/eyJ|token=/);

      // Ctrl-C ends it cleanly.
      proc.killGroup('SIGINT');
      const done = await proc.exited;
      expect(done.code, dump(done)).toBe(0);
    });

    test('the page without the token explains what to do; the API refuses it', async () => {
      await ctx.login('john@example.com', 'plus');
      proc = ctx.startCcs(['dashboard', '--no-open'], { timeoutMs: 60_000 });
      const url = await waitFor(() => /^(http:\S+)#token=/m.exec(proc!.output().stdout)?.[1], {
        timeoutMs: 30_000,
        what: 'the dashboard URL',
      });
      await page.goto(url, { waitUntil: 'load' });
      await expect
        .poll(() => page.locator('#status').textContent(), { timeout: 15_000 })
        .toMatch(/link ccs printed/);
      expect(await page.locator('article.card').count()).toBe(0);
      expect(usageCalls()).toBe(0);
    });

    test('every 60 s the page reloads the state from the cache; without JavaScript the shell still reads', async () => {
      await ctx.login('john@example.com', 'plus');
      proc = ctx.startCcs(['dashboard', '--no-open'], { timeoutMs: 60_000 });
      const url = await waitFor(() => /^(http:\S+#token=\S+)$/m.exec(proc!.output().stdout)?.[1], {
        timeoutMs: 30_000,
        what: 'the dashboard URL',
      });
      await page.clock.install();
      await page.goto(url, { waitUntil: 'load' });
      await page.locator('article.card').first().waitFor({ timeout: 30_000 });
      const stateCalls = () => tab.requests.filter((r) => r.includes('/api/dashboard/state')).length;
      const upstream = usageCalls();
      expect(stateCalls()).toBe(1);
      // Someone half-way through editing a slot and typing a nickname: the reload leaves both alone.
      await page.getByRole('button', { name: 'Edit the haiku slot of OpenAI Codex' }).click();
      const model = page.locator('#models-body form.slot-edit').getByLabel('Model');
      await model.waitFor({ timeout: 15_000 });
      const other = await model.locator('option:not(:checked)').first().getAttribute('value');
      await model.selectOption(other!);
      await page.getByLabel('Nickname (optional)').fill('half-typed');
      await page.clock.fastForward(60_000);
      await expect.poll(stateCalls, { timeout: 10_000 }).toBe(2);
      expect(await model.inputValue()).toBe(other);
      expect(await page.getByLabel('Nickname (optional)').inputValue()).toBe('half-typed');
      await expect.poll(() => page.locator('#asof').textContent()).toMatch(/cached/);
      expect(usageCalls(), 'inside the 2-minute cache the upstream is not asked again').toBe(upstream);

      const plain = await browser.newContext({ javaScriptEnabled: false });
      try {
        const tab2 = await plain.context.newPage();
        await tab2.goto(url, { waitUntil: 'load' });
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
        const text = await tab2.locator('body').innerText();
        expect(text).toContain('ccs dashboard');
        expect(text).toContain('OAuth Providers');
        expect(text).toContain('ccs cliproxy quota');
        expect(plain.nonLoopbackRequests()).toEqual([]);
      } finally {
        await plain.context.close();
      }
    });
  },
);
