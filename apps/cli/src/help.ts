import { providerEnvName } from './settings/provider-env-name.js';
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
  ccs <provider> [--help]             The same for any loaded provider (plugins, openai-compatibility)
  ccs proxy [--port P] [--host H]     Serve every provider over the Anthropic Messages API (--help)
  ccs env <provider> [--port P]       Print export lines for using the proxy from other tools
  ccs cliproxy quota --provider <id> [--json]
                                      Show usage and reset times of every account (default codex)
  ccs plugins list [--json]           Loaded providers: version, source, load errors
  ccs plugins add <path|package>      Install a provider plugin and register it in config.yaml
  ccs plugins remove <id>             Unregister a plugin
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
  CCS_<PROVIDER>_LOGIN_TIMEOUT
                           Seconds to wait for a sign-in, e.g. CCS_CODEX_LOGIN_TIMEOUT (default 600;
                           900 for --device); CCS_LOGIN_TIMEOUT applies to every provider
  CCS_<PROVIDER>_EFFORT    Default reasoning effort for ccs <provider>, e.g. CCS_CODEX_EFFORT (--effort
                           wins); the id upper-cased, other characters as _ (my-llm: CCS_MY_LLM_EFFORT)
  CCS_<PROVIDER>_FAST=1    Fast (priority processing) where the model offers it, e.g. CCS_CODEX_FAST=1
                           (same as --fast)
  CCS_STATUS_FILE          The status file ccs statusline reads (ccs codex sets it for Claude Code)
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

/** Help pages of built-in providers that say more than the generic page (fast: no host is loaded). */
export const BUILT_IN_PROVIDER_HELP: Readonly<Record<string, string>> = { codex: CODEX_HELP };

export interface ProviderHelpFacts {
  id: string;
  displayName: string;
  strategyKinds: string[];
  canStoreLogins: boolean;
  models: string[];
  hasQuota: boolean;
}

/** `ccs <provider> --help` for a provider without a page of its own, from what it offers. */
/** One "NAME=value  what it does" line, the description in a column where the name allows. */
function envLine(name: string, value: string, what: string): string {
  return `${`${name}${value}`.padEnd(30)} ${what}`;
}

export function genericProviderHelp(p: ProviderHelpFacts): string {
  const cmd = `ccs ${p.id}`;
  const signIn: string[] = [];
  if (p.canStoreLogins) {
    if (p.strategyKinds.includes('api-key')) {
      signIn.push('  --auth                  Sign in with an API key (asked on a hidden prompt)');
      signIn.push('  --auth --with-api-key   Read the API key from the first line of stdin');
    }
    if (p.strategyKinds.includes('oauth-browser')) {
      signIn.push('  --auth                  Sign in in the browser');
      signIn.push(
        '  --headless              Print the sign-in URL instead of opening a browser (implies --auth)',
      );
    }
    if (p.strategyKinds.includes('oauth-device'))
      signIn.push('  --device                With --auth: sign in with a device code');
    signIn.push('  --auth --add            Add another account, keeping the existing ones');
    signIn.push(
      '  --nickname <name>       With --auth: name the new account; without: rename the default account',
    );
  } else {
    signIn.push(`  (${p.displayName} manages its accounts itself; there is no --auth)`);
  }
  signIn.push('  --logout [--account <a>]  Sign out of every account, or of one');
  const models = p.models.length ? p.models.join(', ') : '(none listed)';
  return `Usage: ${cmd} [options] [claude args...]

Launch Claude Code on ${p.displayName} models through the local proxy. Arguments ccs does not own go to
Claude Code unchanged, e.g. ${cmd} -p "explain this code" runs Claude Code's print mode.

Session:
  --effort <level>        Reasoning effort for this run (capped to the model's maximum)
  --thinking <level>      Same as --effort
  --verbose               Trace each request on stderr: model, effort, account, upstream status
  --                      Everything after it goes to Claude Code unchanged

Sign in:
${signIn.join('\n')}

Accounts:
  --accounts [--json]     List accounts
  --use <account>         Make an account (nickname or email) the default
  --account <a>           With --nickname or --logout: the account to act on

Models:
  --config                Interactive model picker; writes ~/.ccs/${p.id}.settings.json
  Models: ${models}
  Through "ccs proxy", name them as ${p.id}/<model>.

Environment:
  ${envLine(providerEnvName(p.id, 'EFFORT'), '=<level>', 'Default effort for every run (--effort wins)')}
  ${envLine(providerEnvName(p.id, 'FAST'), '=1', 'Fast where the model offers it (also a key in the settings env)')}
  ${envLine(providerEnvName(p.id, 'LOGIN_TIMEOUT'), '=<s>', 'Seconds to wait for a sign-in (CCS_LOGIN_TIMEOUT: every provider)')}

Other commands: ccs env ${p.id}${p.hasQuota ? `, ccs cliproxy quota --provider ${p.id}` : ''}

  -h, --help              Show this help
`;
}

export const PROXY_HELP = `Usage: ccs proxy [--port P] [--host H] [--verbose]

Runs the Anthropic Messages API proxy in the foreground, for any Anthropic client. It serves
every loaded provider: "<provider>/<model>" picks one (e.g. codex/gpt-5.5, echo/echo-1); a
plain model name goes to the first provider with an account that knows it; claude-* names map
to the Claude Code slot models of the first provider with an account (<provider>.settings.json).
A name no provider knows is answered 404 not_found_error with the nearest names; nothing is sent.
Port and host come from config.yaml (default 127.0.0.1:8317). Clients must send the
local API key from config.yaml (api-keys) as x-api-key or Authorization: Bearer;
"ccs env <provider>" prints the variables to use. The second line of output is the web
dashboard's URL (/dashboard, with a per-run token). Stops on Ctrl-C (SIGINT) or SIGTERM.
Needs a signed-in account of at least one provider (e.g. ccs codex --auth).

Options:
  --port <P>    Port to listen on (default: port from config.yaml, else 8317)
  --host <H>    Address to listen on (default: host from config.yaml, else 127.0.0.1)
  --verbose     Trace each request on stderr: model, reasoning.effort, account, upstream status
  -h, --help    Show this help

Examples:
  ccs proxy
  ccs proxy --port 9000 --verbose
  eval "$(ccs env codex)"; claude    # in another terminal
  curl -s localhost:8317/v1/models -H "x-api-key: $ANTHROPIC_AUTH_TOKEN"   # every provider's models`;

export const ENV_HELP = `Usage: ccs env <provider> [--port P]

Prints export lines for using "ccs proxy" from other tools: ANTHROPIC_BASE_URL (host and port
from config.yaml, default 127.0.0.1:8317), ANTHROPIC_AUTH_TOKEN (the local API key, the first
api-keys entry of config.yaml; generated on first use), ANTHROPIC_MODEL and
ANTHROPIC_DEFAULT_OPUS/SONNET/HAIKU_MODEL (from <provider>.settings.json). Models of any provider
but the first loaded one are written as <provider>/<model>, so "ccs proxy" routes them to it.

Options:
  --port <P>    The port your "ccs proxy --port P" listens on (default: port from config.yaml)
  -h, --help    Show this help

Examples:
  eval "$(ccs env codex)"
  ccs proxy --port 9000 &  eval "$(ccs env codex --port 9000)"
  eval "$(ccs env echo)"      # a plugin's provider`;

export const CLIPROXY_HELP = `Usage: ccs cliproxy quota [--provider <id>] [--json]

Show the usage of every signed-in account: each limit window (5h, daily, weekly, per-model limits, …)
with how much is used and when it resets, the weekly reset schedule, the plan and when the data was read.
Accounts are read in parallel; answers are cached in memory for 2 minutes.

Options:
  --provider <id>   Provider to show (default: the first loaded provider that reports quota, codex)
  --json            Print one JSON document on stdout (schema: docs/quota.md)
  -h, --help        Show this help

Exit status: 0 when every account was read, 1 when one or more could not be (each says what to do),
or when no account is signed in; 2 for a usage error.

Examples:
  ccs cliproxy quota
  ccs cliproxy quota --provider codex --json
`;

export const PLUGINS_HELP = `Usage: ccs plugins list [--json]
       ccs plugins add <path | package>
       ccs plugins remove <id>

Provider plugins, as listed under plugins: in $CCS_HOME/cliproxy/config.yaml.

  list       Every provider: id, version, where it comes from, and why it failed to load, if it did
             (--json: {"plugins":[{"id","displayName","version","source","builtIn","loaded","error"}]})
  add        A folder or .js/.mjs file is registered by its absolute path. Anything else (a package
             name, name@version, a .tgz) is installed with npm into $CCS_HOME/cliproxy first. The
             plugin must load and pass the host's checks (API version, shape, a unique id, create())
             before config.yaml is changed; then one line is added to plugins:, the rest is kept.
  remove     Unregisters the plugin with that id (or the entry as written in config.yaml). An npm
             package stays in $CCS_HOME/cliproxy/node_modules; npm uninstall --prefix there removes it.

Exit status: 0 done, 1 npm failed, 2 the plugin is broken or the arguments are wrong.

Examples:
  ccs plugins add ./ccs-provider-acme          # a plugin folder you are writing
  ccs plugins add ccs-provider-acme@1.2.0      # from the npm registry
  ccs plugins list --json
  ccs plugins remove acme
`;
