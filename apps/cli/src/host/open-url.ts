import { spawn } from 'node:child_process';

type Env = Readonly<Record<string, string | undefined>>;

/** Resolves true once the child started, false if it could not (a missing executable is an 'error' event). */
function started(child: ReturnType<typeof spawn>): Promise<boolean> {
  return new Promise((resolve) => {
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
    child.once('error', () => resolve(false));
  });
}

/**
 * `$BROWSER` is the user's explicit choice (the convention of xdg-open, git and Python's webbrowser):
 * a `:`-separated list of commands, `%s` standing for the URL. The first one that starts wins.
 */
async function openWithBrowserVariable(browser: string, url: string, env: Env): Promise<boolean> {
  for (const command of browser.split(':').filter((c) => c.trim())) {
    const parts = command.trim().split(/\s+/);
    const args = parts.slice(1).map((arg) => arg.replaceAll('%s', url));
    if (!command.includes('%s')) args.push(url);
    const child = spawn(parts[0]!, args, {
      detached: true,
      stdio: 'ignore',
      env: env as NodeJS.ProcessEnv,
    });
    if (await started(child)) return true;
  }
  return false;
}

/**
 * Opens a URL in the user's browser. `open` is imported only here, on first use, so commands that
 * never open a browser do not pay for loading it. Resolves false instead of throwing.
 */
export function createOpenUrl(env: Env): (url: string) => Promise<boolean> {
  return async (url) => {
    if (env.CCS_NO_BROWSER === '1') return false;
    try {
      const browser = env.BROWSER?.trim();
      if (browser) return await openWithBrowserVariable(browser, url, env);
      const { default: open } = await import('open');
      const child = await open(url, { wait: false });
      // A missing xdg-open shows up as an 'error' event, not a rejection.
      return await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), 200);
        timer.unref?.();
        child.once('error', () => {
          clearTimeout(timer);
          resolve(false);
        });
        child.unref?.();
      });
    } catch {
      return false;
    }
  };
}
