/**
 * Whether a browser can be opened here: not over SSH, and on Linux only with a display
 * (research: ccs.md §2.2 `isHeadlessEnvironment`). CCS_NO_BROWSER=1 forces headless.
 */
export function detectHeadless(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): { headless: boolean; reason?: string } {
  const noBrowser = env.CCS_NO_BROWSER?.trim();
  if (noBrowser && noBrowser !== '0' && noBrowser.toLowerCase() !== 'false') {
    return { headless: true, reason: 'CCS_NO_BROWSER is set' };
  }
  if (env.SSH_CONNECTION || env.SSH_CLIENT || env.SSH_TTY)
    return { headless: true, reason: 'this is an SSH session' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { headless: true, reason: 'no graphical display was found' };
  }
  return { headless: false };
}
