import { CCS_VERSION } from './version.js';

export const MAIN_HELP = `ccs ${CCS_VERSION} - run Claude Code on OpenAI Codex models with your ChatGPT account

Usage:
  ccs codex [claude args...]          Launch Claude Code on Codex models (logs in first if needed)
  ccs codex --auth [--add]            Sign in with your ChatGPT account (browser, --headless or --device)
  ccs codex --accounts [--json]       List signed-in accounts
  ccs codex --use <account>           Make an account (nickname or email) the default
  ccs codex --logout [--account <a>]  Sign out of every account, or of one
  ccs codex --config                  Pick the Codex model for each Claude Code slot
  ccs codex --help                    Everything ccs codex can do
  ccs proxy [--port P] [--host H]     Serve the Anthropic Messages API for any client (--help)
  ccs env codex [--port P]            Print export lines for using the proxy from other tools
  ccs cliproxy quota --provider codex [--json]
                                      Show usage and reset times of every Codex account
  ccs dashboard [--port P] [--no-open]
                                      Local web dashboard: accounts, quota, models
  ccs usage [--since 7d] [--by day|model|account|session] [--json]
                                      Tokens used per day, model, account or session (the ledger)
  ccs statusline                      Claude Code's status-line command (ccs codex sets it up)

Options:
  -h, --help       Show help
  -v, --version    Show the version

Environment:
  CCS_HOME                 State directory (default ~/.ccs)
  CCS_CODEX_ISSUER         OAuth issuer (default https://auth.openai.com)
  CCS_CODEX_BASE_URL       ChatGPT backend (default https://chatgpt.com/backend-api)
  CCS_CODEX_CALLBACK_PORT  OAuth callback port (default 1455, falls back to 1457)
  CCS_CLAUDE_PATH          Claude Code executable (default: claude on PATH)
  CCS_NO_BROWSER=1         Never open a browser; behave as --headless
  CCS_CODEX_LOGIN_TIMEOUT  Seconds to wait for a sign-in (default 600; 900 for --device)
  CCS_CODEX_EFFORT         Default reasoning effort for ccs codex (--effort wins)
  CCS_STATUS_FILE          The status file ccs statusline reads (ccs codex sets it for Claude Code)
  CCS_CODEX_FAST=1         Fast (priority processing) where the model offers it (same as --fast)
  CCS_CODEX_CLIENT_VERSION Codex CLI version sent when asking for the model list (default 0.169.0)
  CCS_DEBUG=1              Debug logging on stderr, no secrets (same as debug: true in config.yaml)
  NO_COLOR                 Plain output
  The CCS_CODEX_* variables and CCS_CLAUDE_PATH can also be set in $CCS_HOME/cliproxy/config.yaml;
  the environment wins.

Exit status: 0 success, 1 a failure at run time (network, upstream, sign-in), 2 a usage or
configuration error. ccs codex exits with Claude Code's own exit status.

Examples:
  ccs codex "explain this code"
  ccs codex --auth --add --nickname work
  ccs codex --effort high -p "summarise the last commit"
  ccs proxy &  eval "$(ccs env codex)"   # then any Anthropic client uses Codex

Docs: https://github.com/ccs-dev/ccs/tree/main/docs
`;

export const CODEX_HELP = `Usage: ccs codex [options] [claude args...]

Launch Claude Code on OpenAI Codex models. Arguments ccs does not own go to Claude Code unchanged,
e.g. ccs codex -p "explain this code" runs Claude Code's print mode.

Session:
  --effort <level>        Reasoning effort for this run: low, medium, high, xhigh, max or ultra
  --thinking <level>      Same as --effort
                          (capped to the model's maximum; a model suffix such as gpt-5.6-sol-high also works)
  --fast                  Fast (priority processing) where the model offers it; costs more usage
  --verbose               Trace each request on stderr: model, reasoning.effort, account, upstream status
                          (ccs owns --verbose; pass Claude Code's own after --: ccs codex -- --verbose)
  --no-statusline         Do not give Claude Code ccs's status line (account, model, effort, quota)
  --                      Everything after it goes to Claude Code unchanged

Sign in:
  --auth                  Sign in without starting a session (opens the browser)
  --auth --add            Add another account, keeping the existing ones
  --nickname <name>       With --auth: name the account being added; without: rename the default account
  --headless              Print the sign-in URL instead of opening a browser (implies --auth); paste the
                          final redirect URL here, or forward the port with ssh -L
  --device                With --auth: sign in with a device code (machines with no browser at all)
  --logout                Sign out of every Codex account (revokes the tokens)
  --logout --account <a>  Sign out of one account

Accounts:
  --accounts [--json]     List accounts: nickname, email, plan, default marker
  --use <account>         Make an account (nickname or email) the default
  --account <a>           With --nickname or --logout: the account to act on

Models:
  --config                Interactive model picker; writes ~/.ccs/codex.settings.json

  -h, --help              Show this help

Environment:
  CCS_CODEX_EFFORT=<level>       Default effort for every run (--effort wins)
  CCS_CODEX_FAST=1               Fast for every run (also a key in codex.settings.json's env)
  CCS_CODEX_LOGIN_TIMEOUT=<s>    Seconds to wait for a sign-in (default 600; 900 for --device)
  CCS_NO_BROWSER=1               Never open a browser; behave as --headless
  CCS_CLAUDE_PATH=<path>         The Claude Code executable (default: claude on PATH)

Exit status: Claude Code's own when a session ran; otherwise 0, 1 (run-time failure) or 2 (usage
or configuration error).

Examples:
  ccs codex "implement the auth flow"
  ccs codex --effort xhigh -p "deep analysis of src/"
  ccs codex --verbose -p "fix the tests" -- --verbose
  ccs codex --auth --add --nickname work
  ccs codex --auth --device
  ccs codex --use work
  ccs codex --nickname personal --account sarah@company.com
  ccs codex --accounts --json
`;
