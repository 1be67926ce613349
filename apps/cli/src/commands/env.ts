import { CcsError, type ModelSlot } from '@ccs/core';
import { parseFlags, parsePort } from '../args.js';
import { createCliHost, ensureLocalApiKey } from '../host/create-cli-host.js';
import { terminal } from '../output/terminal.js';
import { SLOT_ENV_KEYS } from '../settings/codex-settings.js';
import { proxyModels } from './proxy-models.js';

const ENV_HELP = `Usage: ccs env codex [--port P]

Prints export lines for using "ccs proxy" from other tools: ANTHROPIC_BASE_URL (host and port
from config.yaml, default 127.0.0.1:8317), ANTHROPIC_AUTH_TOKEN (the local API key, the first
api-keys entry of config.yaml; generated on first use), ANTHROPIC_MODEL and
ANTHROPIC_DEFAULT_OPUS/SONNET/HAIKU_MODEL (from codex.settings.json).

Options:
  --port <P>    The port your "ccs proxy --port P" listens on (default: port from config.yaml)
  -h, --help    Show this help

Examples:
  eval "$(ccs env codex)"
  ccs proxy --port 9000 &  eval "$(ccs env codex --port 9000)"`;

/** POSIX-shell quoting, only when the value needs it. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function clientHost(host: string): string {
  // A proxy bound to all interfaces is still reached on loopback from this machine.
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** `ccs env codex`: the variables for the proxy (the local key is generated on first use). */
export async function runEnv(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { port: 'string', help: 'boolean' }, 'ccs env codex');
  if (flags.help) {
    terminal.out(ENV_HELP);
    return 0;
  }
  const [providerId, extra] = positionals;
  if (providerId === 'codex' && extra !== undefined) {
    throw new CcsError('USAGE', `Unexpected argument "${extra}" for "ccs env codex".`, {
      suggestion: 'Use: ccs env codex [--port P]',
    });
  }
  if (providerId !== 'codex') {
    throw new CcsError(
      'USAGE',
      providerId ? `Unknown provider "${providerId}" for "ccs env".` : 'Missing the provider.',
      {
        suggestion: 'Use: ccs env codex [--port P]',
      },
    );
  }
  const port = typeof flags.port === 'string' ? parsePort(flags.port, '--port') : undefined;
  const host = await createCliHost();
  try {
    const apiKey = await ensureLocalApiKey(host);
    const { models } = await proxyModels(host);
    const lines = [
      `export ANTHROPIC_BASE_URL=${shellQuote(`http://${clientHost(host.config.host)}:${port ?? host.config.port}`)}`,
      `export ANTHROPIC_AUTH_TOKEN=${shellQuote(apiKey)}`,
      ...(Object.keys(SLOT_ENV_KEYS) as ModelSlot[]).map(
        (slot) => `export ${SLOT_ENV_KEYS[slot]}=${shellQuote(models[slot])}`,
      ),
    ];
    terminal.out(lines.join('\n'));
    return 0;
  } finally {
    await host.dispose();
  }
}
