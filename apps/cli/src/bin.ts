#!/usr/bin/env node
// The bin stays tiny: --version and --help answer without loading @ccs/core or any command module
// (the help text is its own small chunk). Everything else goes through run().
import { CCS_VERSION } from './version.js';

// `ccs … | head -1` or `| true` closes our stdout early: the reader has what it wanted, so further
// output is dropped quietly instead of crashing with an EPIPE stack trace (`ccs proxy | head -1` keeps
// serving). Other stream errors keep their default behaviour.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/**
 * Safety net once a command is done (e.g. Claude Code has exited and the proxy is closed): if a stray
 * handle — a client's kept-alive socket, a timer — would keep ccs alive, exit anyway after 3 s. unref:
 * it never delays a clean exit. Output still waiting for a slow reader is never cut: then the timer
 * does nothing and the stream ends the process when it drains. Lives in the bin, not in the commands,
 * so code run in-process (tests, the library) is never exited under its caller.
 */
function exitIfStuck(code: number): void {
  setTimeout(() => {
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  }, 3_000).unref();
}

const argv = process.argv.slice(2);
const [first, second] = argv;
const isHelpFlag = (arg: string | undefined) => arg === '--help' || arg === '-h';

if (argv.length === 1 && (first === '--version' || first === '-v' || first === '-V')) {
  process.stdout.write(`${CCS_VERSION}\n`);
} else if (argv.length === 0 || (argv.length === 1 && (isHelpFlag(first) || first === 'help'))) {
  import('./help.js').then(({ MAIN_HELP }) => process.stdout.write(`${MAIN_HELP}\n`));
} else if (argv.length === 2 && first === 'codex' && isHelpFlag(second)) {
  import('./help.js').then(({ CODEX_HELP }) => process.stdout.write(`${CODEX_HELP}\n`));
} else if (first === 'statusline') {
  // Runs on every Claude Code status update: straight to its own small module, without run.js and @ccs/core.
  import('./commands/statusline.js').then(({ runStatusline }) =>
    runStatusline(argv.slice(1)).then((code) => {
      process.exitCode = code;
    }),
  );
} else {
  import('./run.js').then(
    ({ run }) =>
      run(argv).then((code) => {
        process.exitCode = code;
        exitIfStuck(code);
      }),
    (error: unknown) => {
      process.stderr.write(
        `ccs: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
