import { accessSync, constants } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

// Pages a user sees are checked in a real browser: Debian's `chromium` package, driven by playwright-core
// (no Playwright-downloaded browser). .ci/run installs it when it is missing and CI runs as root.
export const CHROMIUM_PATH = process.env.CCS_E2E_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags for a quiet, offline browser. The resolver rule makes every name except loopback fail to resolve, so a
 * page that tried to load something from the internet could not (and the request would still be recorded).
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface BrowserSession {
  browser: Browser;
  /** A fresh context (its own cookies and storage) that records every request its pages make. */
  newContext(options?: { javaScriptEnabled?: boolean }): Promise<RecordingContext>;
  close(): Promise<void>;
}

export interface RecordingContext {
  context: BrowserContext;
  /** Every URL requested by this context's pages, in order (including redirects and sub-resources). */
  requests: string[];
  /** The requested URLs whose host is not loopback (should always be empty). */
  nonLoopbackRequests(): string[];
}

/**
 * Launches Debian's Chromium, or throws with the reason it could not. `launch` (not a persistent context) gives
 * a fresh temporary user-data-dir that playwright-core deletes on close, and lets a test open contexts with
 * JavaScript on or off.
 */
export async function launchChromium(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
  return {
    browser,
    async newContext(options = {}) {
      const context = await browser.newContext({
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        viewport: { width: 900, height: 600 },
        locale: 'en-US',
        colorScheme: 'light',
      });
      const requests: string[] = [];
      context.on('request', (request) => {
        requests.push(request.url());
      });
      return {
        context,
        requests,
        nonLoopbackRequests: () =>
          requests.filter((url) => {
            const parsed = new URL(url);
            // data: and about: URLs never touch the network.
            if (parsed.protocol === 'data:' || parsed.protocol === 'about:') return false;
            return !LOOPBACK_HOSTS.has(parsed.hostname);
          }),
      };
    },
    async close() {
      await browser.close().catch(() => {});
    },
  };
}

/**
 * Why the browser tests cannot run here (undefined when they can): Chromium missing or not launchable. Tried once
 * per test file. With CCS_E2E_REQUIRE_CHROMIUM=1 (set by .ci/run once it has installed Chromium) a missing or
 * broken browser is a failure instead of a skip.
 */
export async function chromiumUnavailableReason(): Promise<string | undefined> {
  let reason: string | undefined;
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    const session = await launchChromium();
    await session.close();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    reason = `Chromium at ${CHROMIUM_PATH} is not usable (${detail}); install it with: apt-get install -y chromium`;
  }
  if (reason && process.env.CCS_E2E_REQUIRE_CHROMIUM === '1') {
    throw new Error(`CCS_E2E_REQUIRE_CHROMIUM=1 but ${reason}`);
  }
  if (reason) process.stderr.write(`[e2e] skipping the browser tests: ${reason}\n`);
  return reason;
}

/** The contrast ratio of each text element in <main> against main's background (computed styles). WCAG AA asks
 * for 4.5:1 for body text and 3:1 for large text (the h1 is 1.4rem bold), which is the `min` given for each.
 */
export async function contrastRatios(
  page: Page,
): Promise<Array<{ selector: string; ratio: number; min: number }>> {
  const colors = await page.locator('main').evaluate((main) => {
    // Runs in the page (this package's tsconfig has no DOM lib, hence the window lookup).
    const getComputedStyle = main.ownerDocument.defaultView!.getComputedStyle;
    const background = getComputedStyle(main).backgroundColor;
    return [...main.querySelectorAll('h1, p')].map((el) => ({
      selector: `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`,
      color: getComputedStyle(el).color,
      background,
    }));
  });
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  return colors.map(({ selector, color, background }) => {
    const [hi, lo] = [luminance(color), luminance(background)].sort((a, b) => b - a);
    return { selector, ratio: (hi! + 0.05) / (lo! + 0.05), min: selector === 'h1' ? 3 : 4.5 };
  });
}
