// Third-party provider plugins as a user would write them outside the repo: plain ESM files in a temp
// folder, using only @ccs/core's published build (imported by file URL, as a bundled copy would be).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFakeClaude } from './launch-helpers.js';

const CORE = pathToFileURL(
  fileURLToPath(new URL('../../../packages/core/dist/index.js', import.meta.url)),
).href;

/**
 * "keyed": an API-key provider. Keys must start with `kd-`; each key is one account in
 * `<authDir>/keyed-<id>.json` (0600). Its chat model answers "keyed <model> effort <e> for <nickname>:
 * <last user text>", so tests see which model, effort and account served a request. No quota source.
 *
 * `tiered: true` gives it plans, as a catalog with plans has them: a key starting `kd-pro-` is a "pro"
 * account, any other "free"; `tiered-pro` is for pro only, `tiered-mini` for every plan, `tiered-old`
 * is retired (replaced by tiered-mini). The catalog implements the spec's optional offlineModels(),
 * defaultSlotModels() (pro: tiered-pro with tiered-mini for haiku; free: tiered-mini) and repairModel().
 * `lingers: true` starts a timer in create() that it never stops (a sloppy plugin's stray handle).
 */
export function keyedPluginSource(
  id = 'keyed',
  options: { tiered?: boolean; lingers?: boolean } = {},
): string {
  return `
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CcsError, usageError } from '${CORE}';

const ID = ${JSON.stringify(id)};
const TIERED = ${JSON.stringify(options.tiered === true)};
const NAME = TIERED ? 'Tiered AI' : 'Keyed AI';
const MODELS = TIERED ? ['tiered-pro', 'tiered-mini', 'tiered-old'] : ['keyed-large', 'keyed-small'];
const planOf = (apiKey) => (TIERED ? (apiKey.startsWith('kd-pro-') ? 'pro' : 'free') : undefined);
const LEVELS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max', 'ultra'];

function accounts(dir, now) {
  const file = (id) => join(dir, ID + '-' + id + '.json');
  const defaultFile = join(dir, ID + '-default');
  const read = () => {
    if (!existsSync(dir)) return [];
    const def = existsSync(defaultFile) ? readFileSync(defaultFile, 'utf8').trim() : undefined;
    const list = readdirSync(dir)
      .filter((n) => n.startsWith(ID + '-') && n.endsWith('.json'))
      .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')));
    list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const defaultId = list.some((a) => a.id === def) ? def : list[0]?.id;
    return list.map((a) => ({ id: a.id, providerId: ID, nickname: a.nickname, isDefault: a.id === defaultId, createdAt: a.createdAt, apiKey: a.apiKey, ...(TIERED ? { plan: planOf(a.apiKey) } : {}) }));
  };
  const info = ({ apiKey, ...rest }) => rest;
  const write = (a) => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file(a.id), JSON.stringify(a), { mode: 0o600 });
    chmodSync(file(a.id), 0o600);
  };
  const checkNickname = (n) => {
    if (!/^[a-z0-9][a-z0-9-]{0,30}$/i.test(n)) throw usageError('Invalid nickname "' + n + '".', 'Use letters, digits and dashes.');
  };
  const resolve = async (name) => {
    const lower = name.toLowerCase();
    const found = read().find((a) => a.nickname.toLowerCase() === lower || a.id === lower);
    if (!found) throw usageError('No Keyed account named "' + name + '".', 'Known: ' + read().map((a) => a.nickname).join(', ') + '.');
    return info(found);
  };
  return {
    list: async () => read().map(info),
    getDefault: async () => { const d = read().find((a) => a.isDefault); return d && info(d); },
    resolve,
    setDefault: async (id) => writeFileSync(defaultFile, id, { mode: 0o600 }),
    rename: async (id, nickname) => {
      checkNickname(nickname);
      const a = read().find((x) => x.id === id);
      write({ id: a.id, nickname, apiKey: a.apiKey, createdAt: a.createdAt });
    },
    remove: async (id) => rmSync(file(id), { force: true }),
    checkNickname,
    add: async (credentials, options = {}) => {
      const apiKey = String(credentials.apiKey);
      const id = createHash('sha256').update(apiKey).digest('hex').slice(0, 8);
      const existing = read().find((a) => a.id === id);
      const nickname = options.nickname ?? existing?.nickname ?? 'key-' + id.slice(0, 4);
      checkNickname(nickname);
      if (read().some((a) => a.id !== id && a.nickname === nickname)) throw usageError('The nickname "' + nickname + '" is taken.');
      write({ id, nickname, apiKey, createdAt: existing?.createdAt ?? now().toISOString() + '-' + process.hrtime.bigint() });
      if (options.makeDefault || read().length === 1) writeFileSync(defaultFile, id, { mode: 0o600 });
      return { account: await resolve(id), created: !existing };
    },
  };
}

const apiKeyStrategy = {
  id: 'keyed-api-key',
  kind: 'api-key',
  async login(context) {
    if (!context.readSecret) throw usageError('Keyed needs an API key.', 'Pass it with --with-api-key.');
    const apiKey = await context.readSecret('Keyed API key:');
    if (!apiKey.startsWith('kd-')) throw new CcsError('LOGIN_FAILED', 'That is not a Keyed API key (they start with kd-).');
    context.progress.info('Key accepted.');
    return { apiKey };
  },
  needsRefresh: () => false,
  authorize: (c) => ({ authorization: 'Bearer ' + c.apiKey }),
};

export default {
  apiVersion: 1,
  kind: 'provider',
  meta: { id: ID, displayName: NAME, packageName: 'ccs-provider-' + ID, version: '2.0.0' },
  optionsSchema: { safeParse: (value) => ({ success: true, data: value ?? {} }) },
  create(context) {
    if (${JSON.stringify(options.lingers === true)}) setInterval(() => {}, 1000);
    const infos = MODELS.map((m) => ({ id: m, displayName: 'Keyed ' + m, contextWindow: 64000, effort: { supported: ['low', 'medium', 'high'], default: 'medium', max: 'high' }, source: 'static' }));
    if (TIERED) {
      Object.assign(infos[0], { plans: ['pro'], availability: 'pro plan' });
      Object.assign(infos[2], { retired: true, upgradeTo: 'tiered-mini' });
    }
    const get = (id) => infos.find((m) => m.id === id);
    const catalog = { specificationVersion: 'v1', staticModels: () => infos, list: async () => infos, get, isAvailable: (id, plan) => { const m = get(id); return m ? !m.retired && (!m.plans || !plan || m.plans.includes(plan)) : false; } };
    if (TIERED) {
      catalog.offlineModels = () => infos.filter((m) => !m.retired);
      catalog.defaultSlotModels = ({ plan } = {}) => {
        const main = plan === 'pro' ? 'tiered-pro' : 'tiered-mini';
        return { default: main, opus: main, sonnet: main, haiku: 'tiered-mini' };
      };
      catalog.repairModel = (id, { plan } = {}) => {
        const m = get(id);
        if (!m) return undefined;
        if (m.retired) return { to: m.upgradeTo, reason: 'retired', message: id + ' is retired; using ' + m.upgradeTo };
        if (m.plans && plan && !m.plans.includes(plan)) return { to: 'tiered-mini', reason: 'plan', message: id + ' is not on the ' + plan + ' plan; using tiered-mini' };
        return undefined;
      };
    }
    return {
      specificationVersion: 'v1',
      id: ID,
      displayName: NAME,
      authStrategies: [apiKeyStrategy],
      accounts: accounts(context.paths.authDir, context.now),
      modelCatalog: catalog,
      effortPolicy: {
        specificationVersion: 'v1',
        resolve(r) {
          const requested = r.requested ?? 'medium';
          const capped = LEVELS.indexOf(requested) > LEVELS.indexOf('high');
          return { effort: capped ? 'high' : requested, requested, source: r.requested ? (r.source ?? 'explicit') : 'model-default', capped, warnings: [] };
        },
      },
      chatModel(modelId, account) {
        return {
          specificationVersion: 'v1', providerId: ID, modelId,
          async stream(request) {
            const last = [...request.messages].reverse().find((m) => m.role === 'user');
            const said = last ? last.content.map((p) => (p.type === 'text' ? p.text : '')).join('') : '';
            const text = 'keyed ' + modelId + ' effort ' + request.effort + ' for ' + account.nickname + ': ' + said;
            async function* parts() {
              yield { type: 'stream-start', modelId };
              yield { type: 'text-start', id: 't' };
              yield { type: 'text-delta', id: 't', delta: text };
              yield { type: 'text-end', id: 't' };
              yield { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: 5 } };
            }
            return { stream: parts(), responseHeaders: {}, warnings: [], servedModelId: modelId };
          },
        };
      },
    };
  },
};
`;
}

/** Broken plugins, one problem each (file name → source). */
export const BROKEN_PLUGINS: Record<string, string> = {
  'future.mjs': `export default { apiVersion: 2, kind: 'provider', meta: { id: 'future', displayName: 'Future' }, optionsSchema: { safeParse: (v) => ({ success: true, data: v }) }, create: () => ({}) };\n`,
  'explodes.mjs': `throw new Error('boom at import');\n`,
  'fails-create.mjs': `export default { apiVersion: 1, kind: 'provider', meta: { id: 'fails-create', displayName: 'Fails' }, optionsSchema: { safeParse: (v) => ({ success: true, data: v }) }, create() { throw new Error('no credentials file'); } };\n`,
  'hangs.mjs': `export default { apiVersion: 1, kind: 'provider', meta: { id: 'hangs', displayName: 'Hangs' }, optionsSchema: { safeParse: (v) => ({ success: true, data: v }) }, create: () => new Promise(() => {}) };\n`,
};

/** Writes a plugin package folder (package.json + index.mjs) and returns its path. */
export function writePluginPackage(parent: string, name: string, source: string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '2.0.0', type: 'module', main: 'index.mjs' }, null, 2),
  );
  writeFileSync(join(dir, 'index.mjs'), source);
  return dir;
}

/**
 * config.yaml declaring one OpenAI-compatible endpoint `id` on an unreachable loopback port, with two
 * models: qwen (efforts low/medium/high) and llama. Its catalog answers offline from this list.
 */
export function compatConfigYaml(id: string): string {
  return [
    'openai-compatibility:',
    `  - name: ${id}`,
    '    base-url: http://127.0.0.1:9/v1',
    '    models:',
    '      - { name: "qwen3:8b", alias: qwen, thinking: { levels: [low, medium, high] } }',
    '      - { name: "llama3.3:70b", alias: llama }',
    '',
  ].join('\n');
}

/**
 * A CCS_HOME under `root` whose config.yaml loads one plugin file (`cliproxy/plugins/<file>`), and the
 * environment for the built bin: a fake Claude Code recording into `root`/claude-record.jsonl, and
 * Codex loaded but unreachable with no account, so nothing may need it.
 */
export function pluginHome(
  root: string,
  file: string,
  source: string,
): { ccsHome: string; env: Record<string, string> } {
  const ccsHome = join(root, 'ccs');
  mkdirSync(join(ccsHome, 'cliproxy', 'plugins'), { recursive: true });
  writeFileSync(join(ccsHome, 'cliproxy', 'plugins', file), source);
  writeFileSync(join(ccsHome, 'cliproxy', 'config.yaml'), `plugins:\n  - ./plugins/${file}\n`);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(root, 'home'),
    CCS_HOME: ccsHome,
    CCS_CODEX_ISSUER: 'http://127.0.0.1:9',
    CCS_CODEX_BASE_URL: 'http://127.0.0.1:9',
    CCS_CLAUDE_PATH: writeFakeClaude(root),
    FAKE_CLAUDE_RECORD: join(root, 'claude-record.jsonl'),
    NO_COLOR: '1',
  };
  return { ccsHome, env };
}
