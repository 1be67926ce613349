import type { Emulator } from '@ccs/testkit';
import { describe, expect, it } from 'vitest';
import {
  AUTHORIZE_URL,
  playBrowser,
  runCcs,
  type Sandbox,
  startCcs,
  useEmulatorSandbox,
} from './auth-harness.js';

let emu: Emulator;
let box: Sandbox;

useEmulatorSandbox(
  { accounts: [{ email: 'john@example.com', plan: 'pro' }], env: { DISPLAY: ':99' } },
  (e, b) => {
    emu = e;
    box = b;
  },
);

/** Where the emulator would send the browser (the test reads it instead of following it). */
async function finalRedirectUrl(authorizeUrl: string): Promise<string> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

describe('headless sign-in', () => {
  it('--headless prints the URL and the ssh tunnel line, and completes through the callback', async () => {
    const run = startCcs(['codex', '--headless', '--verbose'], { ...box.env, BROWSER: '/bin/false' });
    const [, url] = await run.waitFor(AUTHORIZE_URL);
    const port = box.env.CCS_CODEX_CALLBACK_PORT;
    await run.waitFor(new RegExp(`Callback server listening on 127\\.0\\.0\\.1:${port}`));
    await run.waitFor(new RegExp(`ssh -L ${port}:localhost:${port} tester@`));
    await run.waitFor(/paste it here/);
    const page = await playBrowser(url!);
    expect(page.status).toBe(200);
    const done = await run.exit;
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Signed in as john@example.com \(pro\)/);
  });

  it('CCS_NO_BROWSER=1 with --auth is headless; a pasted redirect URL completes it (wrong state refused first)', async () => {
    const run = startCcs(['codex', '--auth'], { ...box.env, CCS_NO_BROWSER: '1' });
    const [, url] = await run.waitFor(AUTHORIZE_URL);
    const redirect = await finalRedirectUrl(url!);
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'forged-state');
    console.log('WRITING', forged.toString().slice(0, 60));
    run.write(`${forged}\n`);
    await run.waitFor(/state mismatch/i);
    expect(run.child.exitCode).toBeNull();
    run.write('this is not a url\n');
    await run.waitFor(/That is not the redirect URL/);
    run.write(`${redirect}\n`);
    const done = await run.exit;
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Added account "john"/);
    expect(emu.control.counters().codeExchanges).toBe(1);
  });

  it('is detected over SSH and tells the user so', async () => {
    const run = startCcs(['codex', '--auth'], { ...box.env, SSH_CONNECTION: '10.0.0.2 50000 10.0.0.9 22' });
    await run.waitFor(AUTHORIZE_URL);
    const port = box.env.CCS_CODEX_CALLBACK_PORT;
    await run.waitFor(new RegExp(`ssh -L ${port}:localhost:${port} tester@10\\.0\\.0\\.9`));
    expect(run.stderr()).toMatch(/SSH session/);
    run.child.kill('SIGINT');
    expect((await run.exit).code).toBe(130);
  });

  it('is detected on Linux without a display', async () => {
    const { DISPLAY: _display, ...env } = box.env;
    const run = startCcs(['codex', '--auth'], env);
    const [, url] = await run.waitFor(AUTHORIZE_URL);
    await run.waitFor(/no graphical display/);
    run.write(`${await finalRedirectUrl(url!)}\n`);
    expect((await run.exit).code).toBe(0);
  });
});

describe('device code sign-in', () => {
  it('shows the verification URL, the code and a phishing warning, polls, and stores the account', async () => {
    emu.control.setDeviceBehavior({ email: 'john@example.com', approveAfterPolls: 1 });
    const done = await runCcs(['codex', '--auth', '--device', '--nickname', 'laptop'], box.env, 40_000);
    expect(done.stderr).toMatch(/phishing/);
    expect(done.stdout).toContain(`${emu.issuer}/codex/device`);
    expect(done.stderr).toMatch(/enter the code:\s+\S+/);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Added account "laptop"/);
    const tokenRequests = emu.control.requests({ path: '/oauth/token' });
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]!.body).toMatchObject({
      grant_type: 'authorization_code',
      redirect_uri: `${emu.issuer}/deviceauth/callback`,
    });
    expect(emu.control.counters().devicePolls).toBeGreaterThanOrEqual(1);
  }, 45_000);

  it('says clearly when device code login is not enabled', async () => {
    emu.control.setDeviceBehavior({ disabled: true });
    const done = await runCcs(['codex', '--auth', '--device'], box.env);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain(
      'Device code login is not enabled for this account/workspace: enable it in ChatGPT Settings → Security, or use --headless.',
    );
  });
});
