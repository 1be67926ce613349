// `pnpm bench`: runs every bench/*.mjs except this file, one after another, and prints their output.
// Benchmarks need the built packages (`pnpm build` first). Exit code 1 if any benchmark failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.mjs') && file !== self)
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

const failed = [];
for (const file of files) {
  console.log(`\n## ${file}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit', timeout: 10 * 60_000 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failed.push(file);
    console.log(`${file} FAILED (exit ${result.status ?? result.signal}) after ${seconds} s`);
  } else {
    console.log(`(${seconds} s)`);
  }
}
console.log(
  `\n${files.length - failed.length}/${files.length} benchmarks ran${failed.length ? `; failed: ${failed.join(', ')}` : ''}.`,
);
process.exitCode = failed.length ? 1 : 0;
