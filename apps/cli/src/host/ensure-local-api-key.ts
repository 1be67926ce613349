import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CcsError, parseConfig, withFirstApiKey } from '@ccs/core/internal';
import type { CliHost } from './create-cli-host.js';
import { withFileLock, writeFileAtomic0600 } from './write-config-file.js';

/** CCS writes this fixed key; ccs never uses a fixed key, so it gets a random one in front of it. */
const FIXED_CCS_KEY = 'ccs-internal-managed';

export const NEW_FILE_HEADER =
  '# ccs configuration: see docs/configuration.md. Keys ccs does not know are kept as they are.\n';

const usable = (key: string | undefined) => (key && key !== FIXED_CCS_KEY ? key : undefined);

/** `ccs-` + 32 random base64url characters (24 random bytes). */
export function generateLocalApiKey(): string {
  return `ccs-${randomBytes(24).toString('base64url')}`;
}

/** config.yaml's text, or undefined when it does not exist yet. */
export async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The local API key clients must send to the proxy: the first entry of `api-keys`. On first use a
 * random key is generated and written into config.yaml (0600, atomic, under a lock, editing only the
 * `api-keys` lines so the user's comments and other keys survive).
 */
export async function ensureLocalApiKey(host: CliHost): Promise<string> {
  const known = usable(host.config['api-keys'][0]);
  if (known) return known;
  const file = host.configFile;
  return withFileLock(file, async () => {
    const text = await readText(file);
    // Another process may have written a key since the host read the file.
    const current = text === undefined ? undefined : parseConfig(text, file).config['api-keys'];
    const existing = usable(current?.[0]);
    if (existing) {
      host.config['api-keys'] = current!;
      return existing;
    }
    const key = generateLocalApiKey();
    const next = withFirstApiKey(text ?? NEW_FILE_HEADER, key);
    const check = parseConfig(next, file).config['api-keys'];
    if (check[0] !== key) {
      throw new CcsError('INTERNAL', `Could not add the local API key to ${file}.`, {
        suggestion: 'Add an api-keys: list to the file by hand, with a long random first entry.',
      });
    }
    await writeFileAtomic0600(file, next);
    host.config['api-keys'] = check;
    return key;
  });
}
