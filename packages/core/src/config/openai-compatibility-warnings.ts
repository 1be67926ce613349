import { OPENAI_COMPATIBILITY_KEYS } from './openai-compatibility-schema.js';
import { formatKeyPath, type YamlKeyLines } from './yaml-key-lines.js';

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Warnings for `openai-compatibility:` entries (the schema has already accepted them): unknown keys,
 * and CLIProxyAPI features ccs does not carry out, so nothing is dropped without a word.
 */
export function openAICompatibilityWarnings(raw: unknown, path: string, lines: YamlKeyLines): string[] {
  if (!Array.isArray(raw)) return [];
  const warnings: string[] = [];
  const at = (keyPath: Array<string | number>) =>
    `${path}:${lines.lineOf(['openai-compatibility', ...keyPath])}`;
  const name = (keyPath: Array<string | number>) => formatKeyPath(['openai-compatibility', ...keyPath]);
  const unknown = (
    value: Record<string, unknown>,
    known: readonly string[],
    base: Array<string | number>,
  ) => {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      warnings.push(
        `${at([...base, key])}: unknown key "${name([...base, key])}" is ignored (it stays in the file).`,
      );
    }
  };
  for (const [index, entry] of raw.entries()) {
    if (!isMapping(entry)) continue;
    unknown(
      entry,
      [...OPENAI_COMPATIBILITY_KEYS.entry, ...OPENAI_COMPATIBILITY_KEYS.entryCliproxyOnly],
      [index],
    );
    const keys = Array.isArray(entry['api-key-entries']) ? entry['api-key-entries'] : [];
    for (const [k, key] of keys.entries()) {
      const proxy = isMapping(key) ? key['proxy-url'] : undefined;
      if (typeof proxy === 'string' && proxy.trim() && !['direct', 'none'].includes(proxy.trim())) {
        warnings.push(
          `${at([index, 'api-key-entries', k, 'proxy-url'])}: ${name([index, 'api-key-entries', k, 'proxy-url'])} is not supported by ccs: requests to "${String(entry.name)}" go out directly.`,
        );
      }
    }
    if (isMapping(entry.headers)) {
      for (const [header, value] of Object.entries(entry.headers)) {
        if (typeof value === 'string' && value.startsWith('$')) {
          warnings.push(
            `${at([index, 'headers', header])}: ${name([index, 'headers', header])} copies a client header in CLIProxyAPI; ccs does not, and does not send it.`,
          );
        }
      }
    }
    const models = Array.isArray(entry.models) ? entry.models : [];
    for (const [m, model] of models.entries()) {
      if (isMapping(model))
        unknown(
          model,
          [...OPENAI_COMPATIBILITY_KEYS.model, ...OPENAI_COMPATIBILITY_KEYS.modelCliproxyOnly],
          [index, 'models', m],
        );
    }
  }
  return warnings;
}
