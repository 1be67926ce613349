// Summarises a V8 .cpuprofile (node --cpu-prof) by self time: the top functions, and the same time
// grouped by package/file, so "what costs what" reads in a terminal without a flame-graph viewer.
//   node bench/tools/cpu-profile-summary.mjs <file.cpuprofile> [--top 40] [--by file] [--skip ms] [--callers name]
// Samples are wall-clock: a syscall that wakes another process (writev on loopback) is charged the
// time this process then waits for a core, so read CPU figures from /proc, not from here.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!file) {
  console.error(
    'usage: node bench/tools/cpu-profile-summary.mjs <file.cpuprofile> [--top N] [--by file] [--skip ms] [--callers name]',
  );
  process.exit(2);
}
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 40;
const byFile = args.includes('--by') && args[args.indexOf('--by') + 1] === 'file';

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
// Self time per node: each sample is attributed to the node that was on top, for its time delta.
// --skip <ms>: leave out the first ms of the profile (process start, module loading, warm-up).
const skip = args.includes('--skip') ? Number(args[args.indexOf('--skip') + 1]) * 1000 : 0;
const self = new Map();
let elapsed = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  elapsed += profile.timeDeltas[i] ?? 0;
  if (elapsed < skip) continue;
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const short = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/^.*?\/(apps|packages)\//, '$1/')
    .replace(/^node:/, 'node:');
const keyOf = (frame) => {
  const where = frame.url ? short(frame.url) : '(native)';
  if (byFile) return where;
  return `${frame.functionName || '(anonymous)'}  ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
};
const totals = new Map();
let total = 0;
for (const [id, us] of self) {
  const key = keyOf(nodes.get(id).callFrame);
  totals.set(key, (totals.get(key) ?? 0) + us);
  total += us;
}
const idle = [...totals].filter(([k]) => k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0);
console.log(
  `${file}: ${(total / 1000).toFixed(0)} ms sampled, ${((total - idle) / 1000).toFixed(0)} ms not idle; self time${byFile ? ' by file' : ''}:`,
);
for (const [key, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  const share = total - idle > 0 && !key.startsWith('(idle)') ? (100 * us) / (total - idle) : 0;
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${share.toFixed(1).padStart(5)}%  ${key}`);
}

// --callers <name>: where the self time of functions called <name> comes from (stacks, 6 frames up).
const callersOf = args.includes('--callers') ? args[args.indexOf('--callers') + 1] : undefined;
if (callersOf) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stacks = new Map();
  for (const [id, us] of self) {
    if (nodes.get(id).callFrame.functionName !== callersOf) continue;
    const frames = [];
    for (
      let p = parent.get(id);
      p !== undefined && frames.length < Number(process.env.DEPTH ?? 6);
      p = parent.get(p)
    ) {
      const frame = nodes.get(p).callFrame;
      frames.push(
        `${frame.functionName || '(anon)'}@${frame.url ? short(frame.url).split('/').pop() : ''}:${frame.lineNumber + 1}`,
      );
    }
    const key = frames.join(' < ');
    stacks.set(key, (stacks.get(key) ?? 0) + us);
  }
  console.log(`\ncallers of ${callersOf}:`);
  for (const [key, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`${(us / 1000).toFixed(1).padStart(9)} ms  ${key}`);
}
