import type { PluginConfigEntry } from '@ccs/core/internal';

const PLUGINS_KEY = /^(?:plugins|"plugins"|'plugins')\s*:/;
const indentOf = (line: string) => line.length - line.trimStart().length;
const isContent = (line: string) => line.trim() !== '' && !line.trim().startsWith('#');

/** Whether `plugins:` carries its value on its own line (a flow list `[a, b]`, or `[]`). */
function isFlow(line: string): boolean {
  const value = line
    .slice(line.indexOf(':') + 1)
    .replace(/\s+#.*$/, '')
    .trim();
  return !(value === '' || value === '~' || value === 'null');
}

/** Entries as block items; JSON is valid YAML, so objects (package + options) survive as flow maps. */
function asBlockItems(items: readonly PluginConfigEntry[]): string[] {
  return items.map((item) => `  - ${JSON.stringify(item)}`);
}

/**
 * config.yaml text with `specifier` appended to `plugins:`, editing only those lines so comments,
 * order and every other key survive. Works on block lists, flow lists and files without the key.
 */
export function withPluginEntry(
  text: string,
  specifier: string,
  current: readonly PluginConfigEntry[],
): string {
  const quoted = `  - ${JSON.stringify(specifier)}`;
  const lines = text.split('\n');
  const index = lines.findIndex((line) => PLUGINS_KEY.test(line));
  if (index === -1) {
    const prefix = text === '' || text.endsWith('\n') ? text : `${text}\n`;
    return `${prefix}# Provider plugins (ccs plugins add/remove edit this list).\nplugins:\n${quoted}\n`;
  }
  if (isFlow(lines[index]!)) {
    lines.splice(index, 1, 'plugins:', ...asBlockItems(current), quoted);
    return lines.join('\n');
  }
  // After the last line of the block (items and their options), with the items' own indentation.
  let end = index + 1;
  let itemIndent: string | undefined;
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isContent(line)) continue;
    if (indentOf(line) === 0 && !line.startsWith('-')) break;
    if (itemIndent === undefined && /^\s*-(\s|$)/.test(line)) itemIndent = line.slice(0, line.indexOf('-'));
    end = i + 1;
  }
  lines.splice(end, 0, `${itemIndent ?? '  '}- ${JSON.stringify(specifier)}`);
  return lines.join('\n');
}

/**
 * config.yaml text without the `position`-th entry of `plugins:` (0-based), its options included.
 * `itemLine` is the 1-based line of that entry (from the config's key-line index) for block lists.
 */
export function withoutPluginEntry(
  text: string,
  position: number,
  itemLine: number,
  current: readonly PluginConfigEntry[],
): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => PLUGINS_KEY.test(line));
  if (index === -1) return text;
  if (isFlow(lines[index]!)) {
    const rest = current.filter((_, i) => i !== position);
    lines.splice(index, 1, ...(rest.length ? ['plugins:', ...asBlockItems(rest)] : ['plugins: []']));
    return lines.join('\n');
  }
  const start = itemLine - 1;
  const dash = indentOf(lines[start]!);
  let end = start + 1;
  while (end < lines.length) {
    const line = lines[end]!;
    if (isContent(line) && indentOf(line) <= dash) break;
    end++;
  }
  // Trailing blank or comment lines belong to what follows, not to the removed entry.
  while (end > start + 1 && !isContent(lines[end - 1]!)) end--;
  lines.splice(start, end - start);
  return lines.join('\n');
}
