// The public API of @ccs/cli: run the `ccs` command line in-process (what the bin does) and its
// version. api/cli.api.md is the reviewed list.
export { run } from './run.js';
export { CCS_VERSION } from './version.js';
