type Env = Readonly<Record<string, string | undefined>>;

/**
 * Opens a URL in the user's browser. `open` is imported only here, on first use, so commands that
 * never open a browser do not pay for loading it. Resolves false instead of throwing.
 */
export function createOpenUrl(env: Env): (url: string) => Promise<boolean> {
  return async (url) => {
    if (env.CCS_NO_BROWSER === '1') return false;
    try {
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
