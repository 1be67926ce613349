import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Full runs (`pnpm reliability`) are sized by RELIABILITY_FULL; `pnpm test` runs the bounded form. */
export const FULL = process.env.RELIABILITY_FULL === '1';

/** Writes one harness's figures to tests/reliability/results/<name>.json (what docs/reliability.md quotes). */
export async function saveFigures(name: string, figures: unknown): Promise<void> {
  const dir = fileURLToPath(new URL('../../results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const body = {
    mode: FULL ? 'full' : 'bounded',
    at: new Date().toISOString(),
    node: process.version,
    figures,
  };
  await writeFile(`${dir}${name}${FULL ? '' : '.bounded'}.json`, `${JSON.stringify(body, null, 2)}\n`);
}
