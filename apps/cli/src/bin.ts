#!/usr/bin/env node
// The bin stays tiny: --version and --help answer without loading any command module.
import { CCS_VERSION } from './version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v' || argv[0] === '-V')) {
  process.stdout.write(`${CCS_VERSION}\n`);
} else {
  import('./run.js').then(
    ({ run }) =>
      run(argv).then((code) => {
        process.exitCode = code;
      }),
    (error: unknown) => {
      process.stderr.write(
        `ccs: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
