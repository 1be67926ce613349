// The peer in the proxy benchmark: claude-code-router (CCR), the best-known Anthropic → OpenAI router,
// installed from npm into bench/.peer at bench time (never a project dependency) at a pinned version and
// pointed at the same fake Codex upstream through its own `openai-responses` transformer.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CCR_VERSION = '1.0.73';
// CCR 1.0.73 asks for ^1.0.51 of its translation library; pinned too, so every run measures the same code.
const LLMS_VERSION = '1.0.53';
const PEER_DIR = fileURLToPath(new URL('../.peer/', import.meta.url));
const CLI = join(PEER_DIR, 'node_modules/@musistudio/claude-code-router/dist/cli.js');

function installedVersion() {
  try {
    const manifest = join(PEER_DIR, 'node_modules/@musistudio/claude-code-router/package.json');
    return JSON.parse(readFileSync(manifest, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Installs CCR into bench/.peer unless that version is there; returns a reason string when it cannot. */
export function installCcr() {
  if (installedVersion() === CCR_VERSION && existsSync(CLI)) return undefined;
  mkdirSync(PEER_DIR, { recursive: true });
  writeFileSync(join(PEER_DIR, 'package.json'), '{"private":true}\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      `@musistudio/claude-code-router@${CCR_VERSION}`,
      `@musistudio/llms@${LLMS_VERSION}`,
    ],
    { cwd: PEER_DIR, encoding: 'utf8', timeout: 180_000 },
  );
  if (result.status !== 0 || installedVersion() !== CCR_VERSION) {
    const why = (result.stderr || result.error?.message || '').trim().split('\n').slice(-3).join(' ');
    return `npm install of claude-code-router ${CCR_VERSION} failed: ${why || `exit ${result.status}`}`;
  }
  return undefined;
}

/**
 * Starts CCR in the foreground (`ccr start`) with its own HOME holding a config that routes every model
 * to one provider at `upstreamUrl` (the Responses endpoint) through the `openai-responses` transformer,
 * logging off. Resolves once it answers on `port`.
 */
export async function startCcr({ upstreamUrl, port, apiKey, execArgv = [] }) {
  const home = mkdtempSync(join(tmpdir(), 'ccs-bench-ccr-'));
  mkdirSync(join(home, '.claude-code-router'), { recursive: true });
  const config = {
    LOG: false,
    HOST: '127.0.0.1',
    PORT: port,
    APIKEY: apiKey,
    API_TIMEOUT_MS: 60_000,
    Providers: [
      {
        name: 'codex',
        api_base_url: upstreamUrl,
        api_key: 'bench-upstream-key',
        models: ['gpt-5.5'],
        transformer: { use: ['openai-responses'] },
      },
    ],
    Router: { default: 'codex,gpt-5.5' },
  };
  writeFileSync(join(home, '.claude-code-router/config.json'), JSON.stringify(config, null, 2));
  const child = spawn(process.execPath, [...execArgv, CLI, 'start'], {
    env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`claude-code-router exited at start: ${output.slice(-500)}`);
    const ok = await fetch(`http://127.0.0.1:${port}/`)
      .then(() => true)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`claude-code-router did not listen on ${port} within 30 s: ${output.slice(-500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(home, { recursive: true, force: true });
    },
  };
}
