import yaml from 'js-yaml';

/**
 * Returns config.yaml text with `key` as the first entry of `api-keys`, editing only those lines so
 * the user's comments, ordering and unknown keys survive. Works on block lists, flow lists
 * (`api-keys: []`, rewritten as a block list) and files without the key (appended).
 */
export function withFirstApiKey(text: string, key: string): string {
  const quoted = JSON.stringify(key);
  const lines = text.split('\n');
  const index = lines.findIndex((line) => /^(?:api-keys|"api-keys"|'api-keys')\s*:/.test(line));
  if (index === -1) {
    const prefix = text === '' || text.endsWith('\n') ? text : `${text}\n`;
    return `${prefix}# Keys clients must send to the local proxy; the first is the one ccs uses.\napi-keys:\n  - ${quoted}\n`;
  }
  const line = lines[index]!;
  const value = line
    .slice(line.indexOf(':') + 1)
    .replace(/\s+#.*$/, '')
    .trim();
  if (value === '' || value === '~' || value === 'null') {
    // Block list (or empty): insert an item with the indentation of the existing items.
    const next = lines.slice(index + 1).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const itemIndent = next && /^\s*-(\s|$)/.test(next) ? next.slice(0, next.indexOf('-')) : '  ';
    const head = value === '' ? line : 'api-keys:';
    lines.splice(index, 1, head, `${itemIndent}- ${quoted}`);
    return lines.join('\n');
  }
  const existing = yaml.load(value);
  const items = Array.isArray(existing) ? existing.map((item) => JSON.stringify(String(item))) : [];
  lines.splice(index, 1, 'api-keys:', `  - ${quoted}`, ...items.map((item) => `  - ${item}`));
  return lines.join('\n');
}
