#!/usr/bin/env node
// The offline demo (`pnpm demo`): the main job of ccs, end to end, with no network and no real account.
// It starts the OpenAI emulator from @ccs/testkit on 127.0.0.1, logs in headlessly (playing the browser), runs the
// real Claude Code CLI through the built `ccs codex -p …` with a scripted model reply that calls Claude Code's
// Write tool, and shows the accounts, the reasoning effort that was sent upstream, the file and the answer.
// Exits non-zero as soon as a step fails. `--keep` keeps the temp directory for a look around. See docs/demo.md.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  claudeExePath,
  cliBinPath,
  createSandbox,
  loginHeadless,
  repoRoot,
  responsesCalls,
  runCcs,
  stripAnsi,
} from './lib/ccs-harness.mjs';

const keep = process.argv.includes('--keep');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const cyan = paint('36');

const STEPS = 7;
let stepNo = 0;
function step(title) {
  stepNo += 1;
  console.log(`\n${bold(cyan(`── ${stepNo}/${STEPS}  ${title} `.padEnd(78, '─')))}`);
}
const show = (label, text) => {
  console.log(dim(`$ ${label}`));
  const body = stripAnsi(text).trimEnd();
  if (body) console.log(body.replace(/^/gm, '  '));
};
const ok = (text) => console.log(`${green('✔')} ${text}`);

class DemoError extends Error {}
function fail(message, result) {
  const detail = result
    ? `\n  exit code ${result.code}\n${stripAnsi(`${result.stdout}\n${result.stderr}`).trim().replace(/^/gm, '  | ')}`
    : '';
  throw new DemoError(`${message}${detail}`);
}

async function main() {
  step('Check the build');
  const testkitEntry = join(repoRoot, 'packages/testkit/dist/index.js');
  for (const [what, path] of [
    ['the ccs bin', cliBinPath],
    ['the emulator (@ccs/testkit)', testkitEntry],
  ]) {
    if (!existsSync(path)) fail(`${what} is not built (${path} is missing). Run: pnpm build`);
  }
  if (!existsSync(claudeExePath) || statSync(claudeExePath).size < 1_000_000) {
    fail(
      `the Claude Code binary is not in place (${claudeExePath}). Run: pnpm install --frozen-lockfile ` +
        '(or: node tests/e2e/node_modules/@anthropic-ai/claude-code/install.cjs)',
    );
  }
  const ccsVersion = JSON.parse(readFileSync(join(repoRoot, 'apps/cli/package.json'), 'utf8')).version;
  ok(
    `ccs ${ccsVersion} built; Claude Code ${claudeVersion()} at ${claudeExePath.slice(repoRoot.length + 1)}`,
  );

  step('Start the OpenAI emulator (auth server + Codex backend) on 127.0.0.1');
  const { startEmulator } = await import(pathToFileURL(testkitEntry).href);
  const emu = await startEmulator({ port: 0 });
  const sandbox = await createSandbox({ issuer: emu.issuer, baseUrl: emu.baseUrl, prefix: 'ccs-demo-' });
  try {
    await run(emu, sandbox);
  } finally {
    await emu.close();
    if (keep) console.log(dim(`\n(kept ${sandbox.root})`));
    else sandbox.cleanup();
  }
}

function claudeVersion() {
  try {
    return JSON.parse(readFileSync(join(claudeExePath, '../../package.json'), 'utf8')).version;
  } catch {
    return '(unknown version)';
  }
}

async function run(emu, sandbox) {
  const email = 'john@example.com';
  emu.control.addAccount({ email, plan: 'plus' });
  emu.control.setAuthorizeBehavior({ email });
  ok(`issuer   ${emu.issuer}`);
  ok(`backend  ${emu.baseUrl}`);
  ok(`a ChatGPT Plus user "${email}" exists in the emulator`);
  console.log(dim('  ccs is pointed at it with a throwaway user:'));
  for (const key of [
    'CCS_HOME',
    'CCS_CODEX_ISSUER',
    'CCS_CODEX_BASE_URL',
    'CCS_CLAUDE_PATH',
    'CCS_NO_BROWSER',
  ]) {
    console.log(dim(`    ${key}=${sandbox.env[key]}`));
  }
  const options = { env: sandbox.env, cwd: sandbox.projectDir, timeoutMs: 90_000 };

  step('Log in headlessly: ccs prints the URL, the demo plays the browser');
  const login = await loginHeadless({ env: sandbox.env, cwd: sandbox.projectDir });
  // ccs writes the URL and the result to stdout, the instructions to stderr; two pipes lose their relative order.
  show('ccs codex --auth --headless   (stderr: instructions)', login.stderr);
  show('ccs codex --auth --headless   (stdout: the URL, then the result)', login.stdout);
  if (login.code !== 0) fail('login failed', login);
  ok(
    `the browser step: GET ${new URL(login.authorizeUrl).pathname} → 302 to ccs's callback (code and state)`,
  );

  step('The account list');
  const accounts = await runCcs(['codex', '--accounts'], options);
  show('ccs codex --accounts', accounts.stdout);
  if (accounts.code !== 0) fail('ccs codex --accounts failed', accounts);

  step('Run Claude Code on Codex with a scripted reply that uses a tool');
  const target = join(sandbox.projectDir, 'hello.py');
  const content = 'print("Hello from Claude Code on Codex, via ccs!")\n';
  emu.control.enqueueTurn({
    reasoning: { summary: ['The user wants a small Python greeting; I will write hello.py.'] },
    text: "I'll create hello.py.",
    toolCalls: [{ name: 'Write', arguments: { file_path: target, content }, callId: 'call_demo_write' }],
  });
  emu.control.enqueueTurn({
    text: 'Created hello.py, which prints a greeting. Run it with: python3 hello.py',
  });
  console.log(dim('  model turn 1: a reasoning summary, then a function call Write(hello.py)'));
  console.log(dim("  model turn 2: a text answer, after Claude Code's tool result comes back"));
  const prompt = 'Create hello.py that prints a greeting';
  const session = await runCcs(['codex', '-p', prompt, '--dangerously-skip-permissions'], options);
  show(`ccs codex -p "${prompt}" --dangerously-skip-permissions`, session.stdout);
  if (session.code !== 0) fail('the Claude Code session failed', session);

  step('What reached the Codex backend');
  const calls = responsesCalls(emu);
  console.log(
    `  ${'#'.padEnd(3)}${'model'.padEnd(16)}${'reasoning.effort'.padEnd(18)}${'status'.padEnd(8)}input items`,
  );
  calls.forEach((c, i) => {
    const body = c.body ?? {};
    const items = Array.isArray(body.input) ? body.input.map((x) => x.type).join(', ') : '';
    console.log(
      `  ${String(i + 1).padEnd(3)}${String(body.model).padEnd(16)}${String(body.reasoning?.effort).padEnd(18)}${String(c.status).padEnd(8)}${items.length > 60 ? `…${items.slice(-59)}` : items}`,
    );
  });
  if (calls.length < 2) fail(`expected 2 upstream calls (tool call, then answer), saw ${calls.length}`);
  const rejected = calls.filter((c) => c.status !== 200);
  if (rejected.length > 0)
    fail(`${rejected.length} upstream call(s) were rejected: ${rejected.map((c) => c.status).join(', ')}`);
  ok(
    `every upstream call was accepted; reasoning.effort sent: ${[...new Set(calls.map((c) => c.body?.reasoning?.effort))].join(', ')}`,
  );
  const first = calls[0]?.body?.model;
  if (first) console.log(dim(`  (default model ${first}: the live list's flagship, cached at sign-in)`));

  step('The file the Write tool wrote, and the answer');
  if (!existsSync(target)) fail(`Claude Code did not write ${target}`);
  const written = readFileSync(target, 'utf8');
  show(`cat ${target}`, written);
  if (written !== content) fail('hello.py does not hold what the model asked the Write tool to write');
  console.log(`${bold('Result:')} ${session.stdout.trim()}`);
  ok('done: login, proxy, Claude Code, a tool round trip, all offline');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(
      `\n${red('✘ demo failed:')} ${error instanceof DemoError ? error.message : (error?.stack ?? error)}`,
    );
    process.exit(1);
  },
);
