/** A key (or list item) found in block-style YAML, with its 1-based line. */
interface KeyNode {
  line: number;
  children: Map<string | number, KeyNode>;
  items: number;
}

interface Frame {
  indent: number;
  kind: 'root' | 'key' | 'item';
  node: KeyNode;
}

const KEY_PATTERN = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]][^:#]*?))\s*:(?:\s+(.*))?$/;

function child(parent: KeyNode, key: string | number, line: number): KeyNode {
  let node = parent.children.get(key);
  if (!node) {
    node = { line, children: new Map(), items: 0 };
    parent.children.set(key, node);
  }
  return node;
}

/**
 * An index from key paths to line numbers for the block-style YAML people write by hand.
 * js-yaml does not keep positions, and error messages must name the line of the offending key.
 * Flow collections (`{…}`, `[…]`) are not descended into: their keys map to the parent's line.
 */
export class YamlKeyLines {
  private readonly root: KeyNode = { line: 1, children: new Map(), items: 0 };
  /** 1-based line → the dotted path of the key on that line (for syntax errors). */
  private readonly keysByLine = new Map<number, string>();

  constructor(text: string) {
    const lines = text.split(/\r?\n/);
    const stack: Frame[] = [{ indent: -1, kind: 'root', node: this.root }];
    const pathOf = new Map<KeyNode, string>([[this.root, '']]);
    let blockScalarIndent: number | undefined;
    for (let index = 0; index < lines.length; index++) {
      const raw = lines[index]!;
      const lineNo = index + 1;
      const trimmed = raw.trim();
      const indent = raw.length - raw.trimStart().length;
      if (blockScalarIndent !== undefined) {
        if (trimmed === '' || indent > blockScalarIndent) continue;
        blockScalarIndent = undefined;
      }
      if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---' || trimmed === '...') continue;
      let column = indent;
      let rest = trimmed;
      // A "- " list item may carry a key on the same line; handle the item, then the key after it.
      for (;;) {
        const isItem = rest === '-' || rest.startsWith('- ');
        while (stack.length > 1) {
          const top = stack[stack.length - 1]!;
          const keepsSequence = top.kind === 'key' && top.indent === column && isItem;
          if (top.indent > column || (top.indent === column && !keepsSequence)) stack.pop();
          else break;
        }
        const parent = stack[stack.length - 1]!;
        if (isItem) {
          const position = parent.node.items++;
          const node = child(parent.node, position, lineNo);
          pathOf.set(node, `${pathOf.get(parent.node)}[${position}]`);
          stack.push({ indent: column, kind: 'item', node });
          const after = rest.slice(1);
          const inner = after.trimStart();
          if (inner === '') break;
          column += 1 + (after.length - inner.length);
          rest = inner;
          continue;
        }
        const match = KEY_PATTERN.exec(rest);
        if (match) {
          const key = match[1] ?? match[2]?.replaceAll("''", "'") ?? match[3]!.trim();
          const node = child(parent.node, key, lineNo);
          const parentPath = pathOf.get(parent.node)!;
          const path = parentPath ? `${parentPath}.${key}` : key;
          pathOf.set(node, path);
          this.keysByLine.set(lineNo, path);
          stack.push({ indent: column, kind: 'key', node });
          const value = (match[4] ?? '').trim();
          if (/^[|>][-+0-9]*(\s+#.*)?$/.test(value)) blockScalarIndent = column;
        }
        break;
      }
    }
  }

  /** Line of the deepest key of `path` that exists in the text (1 when none does). */
  lineOf(path: ReadonlyArray<PropertyKey>): number {
    let node = this.root;
    for (const segment of path) {
      const next = node.children.get(typeof segment === 'number' ? segment : String(segment));
      if (!next) break;
      node = next;
    }
    return node.line;
  }

  /** Whether the exact path is present as a block key. */
  has(path: ReadonlyArray<PropertyKey>): boolean {
    let node: KeyNode | undefined = this.root;
    for (const segment of path) {
      node = node.children.get(typeof segment === 'number' ? segment : String(segment));
      if (!node) return false;
    }
    return true;
  }

  /** The key written on `line`, or on the nearest line above it that has one. */
  keyAtOrBefore(line: number): string | undefined {
    for (let n = line; n >= 1; n--) {
      const key = this.keysByLine.get(n);
      if (key) return key;
    }
    return undefined;
  }
}

/** `plugins[0].options.name` from a zod/js path. */
export function formatKeyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}
