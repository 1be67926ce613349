// `pnpm bench`: runs every bench/*.mjs except this file, one after another, prints their output, and ends
// with every target line (`target ✓ PASS …` / `target ✗ FAIL …`) gathered in one summary, with the load
// average (the machine's other work moves absolute figures; ratios within one run are what compare).
// Benchmarks need the built packages (`pnpm build` first). Exit code 1 if any benchmark failed to run.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGET_PREFIX } from './lib/targets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.mjs') && file !== self)
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

/** Runs one benchmark with its output passed through; resolves with its exit status and target lines. */
function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    let text = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      text += chunk;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const targets = text.split('\n').filter((line) => line.startsWith(TARGET_PREFIX));
      resolve({ status: code ?? signal, targets });
    });
  });
}

const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
const startLoad = load();
const failed = [];
const summary = [];
for (const file of files) {
  console.log(`\n## ${file}`);
  const started = Date.now();
  const { status, targets } = await run(file);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const line of targets) summary.push(`${file.padEnd(22)} ${line.slice(TARGET_PREFIX.length + 1)}`);
  if (status !== 0) {
    failed.push(file);
    console.log(`${file} exited ${status} after ${seconds} s`);
  } else {
    console.log(`(${seconds} s)`);
  }
}
console.log(`\n## targets (load average at start ${startLoad}, at end ${load()}; 2-core machine)`);
for (const line of summary) console.log(line);
console.log(
  `\n${files.length - failed.length}/${files.length} benchmarks exited 0${failed.length ? `; not: ${failed.join(', ')}` : ''}.`,
);
process.exitCode = failed.length ? 1 : 0;
