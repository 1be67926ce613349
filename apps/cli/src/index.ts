export { type CodexAction, type CodexArgs, parseCodexArgs } from './commands/codex/parse-codex-args.js';
export { run } from './run.js';
export { CCS_VERSION } from './version.js';
