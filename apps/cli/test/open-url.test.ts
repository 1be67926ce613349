import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenUrl } from '../src/host/open-url.js';

let dir: string;
let fake: string;
let opened: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccs-open-'));
  opened = join(dir, 'opened.txt');
  fake = join(dir, 'browser.sh');
  writeFileSync(fake, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function waitForFile(path: string) {
  for (let i = 0; i < 50 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 20));
  return readFileSync(path, 'utf8');
}

describe('openUrl', () => {
  it('uses $BROWSER when it is set', async () => {
    const url = 'http://127.0.0.1:1/oauth/authorize?x=1&y=2';
    expect(await createOpenUrl({ BROWSER: fake, PATH: process.env.PATH })(url)).toBe(true);
    expect(await waitForFile(opened)).toBe(url);
  });

  it('resolves false when the browser cannot be started', async () => {
    expect(await createOpenUrl({ BROWSER: join(dir, 'missing') })('http://127.0.0.1:1/')).toBe(false);
  });

  it('never opens anything with CCS_NO_BROWSER=1', async () => {
    rmSync(opened, { force: true });
    expect(await createOpenUrl({ CCS_NO_BROWSER: '1', BROWSER: fake })('http://127.0.0.1:1/')).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(opened)).toBe(false);
  });
});
