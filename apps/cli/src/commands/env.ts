import { CcsError, MODEL_SLOTS } from '@ccs/core';
import { parseFlags, parsePort } from '../args.js';
import { ENV_HELP } from '../help.js';
import { createCliHost, ensureLocalApiKey } from '../host/create-cli-host.js';
import { terminal } from '../output/terminal.js';
import { providerOf } from './provider/provider-host.js';
import { SLOT_ENV_KEYS } from './provider/provider-settings.js';
import { proxyModels } from './proxy-models.js';

/** POSIX-shell quoting, only when the value needs it. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function clientHost(host: string): string {
  // A proxy bound to all interfaces is still reached on loopback from this machine.
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** `ccs env <provider>`: the variables for the proxy (the local key is generated on first use). */
export async function runEnv(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { port: 'string', help: 'boolean' }, 'ccs env');
  if (flags.help) {
    terminal.out(ENV_HELP);
    return 0;
  }
  const [providerId, extra] = positionals;
  if (!providerId) {
    throw new CcsError('USAGE', 'Missing the provider.', {
      suggestion: 'Use: ccs env <provider> [--port P]',
    });
  }
  if (extra !== undefined) {
    throw new CcsError('USAGE', `Unexpected argument "${extra}" for "ccs env ${providerId}".`, {
      suggestion: `Use: ccs env ${providerId} [--port P]`,
    });
  }
  const port = typeof flags.port === 'string' ? parsePort(flags.port, '--port') : undefined;
  const host = await createCliHost();
  try {
    const provider = providerOf(host, providerId);
    const apiKey = await ensureLocalApiKey(host);
    const { models } = await proxyModels(host, provider);
    // The proxy takes plain names for the first loaded provider (and any name only one provider knows).
    const primary = host.providers.keys().next().value === provider.id;
    const named = (model: string) => (primary ? model : `${provider.id}/${model}`);
    const lines = [
      `export ANTHROPIC_BASE_URL=${shellQuote(`http://${clientHost(host.config.host)}:${port ?? host.config.port}`)}`,
      `export ANTHROPIC_AUTH_TOKEN=${shellQuote(apiKey)}`,
      ...MODEL_SLOTS.map((slot) => `export ${SLOT_ENV_KEYS[slot]}=${shellQuote(named(models[slot]))}`),
    ];
    terminal.out(lines.join('\n'));
    return 0;
  } finally {
    await host.dispose();
  }
}
