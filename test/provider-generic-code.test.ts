import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every provider is first-class: the CLI and the proxy speak the spec, so Codex is one provider among
// others. Nothing in apps/cli or apps/proxy may name Codex in code (comments are fine) except the
// files below. The list only shrinks: each entry must exist and still name Codex.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const ALLOWED: Record<string, string> = {
  'apps/cli/src/bin.ts': 'the fast path of the built-in provider help page (ccs codex --help)',
  'apps/cli/src/help.ts': 'Codex-only help text',
  'apps/cli/src/host/create-cli-host.ts': 'registration of the built-in Codex plugin and its options',
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** The code without comments (block comments, then line comments not inside a URL or string start). */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const namesCodex = (text: string) => /codex/i.test(codeOf(text));

describe('the CLI and the proxy are provider-generic', () => {
  it('no file outside the list names Codex in code', () => {
    const offenders = ['apps/cli/src', 'apps/proxy/src']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .map((file) => relative(ROOT, file).split(sep).join('/'))
      .filter((file) => !(file in ALLOWED))
      .filter((file) => namesCodex(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('every allowed file exists and still needs its place on the list', () => {
    const stale = Object.keys(ALLOWED).filter(
      (file) => !existsSync(join(ROOT, file)) || !namesCodex(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(stale).toEqual([]);
  });

  it('sees a Codex name in code and ignores one in a comment', () => {
    expect(namesCodex("const id = 'codex';")).toBe(true);
    expect(namesCodex('import { x } from "@ccs/provider-codex";')).toBe(true);
    expect(namesCodex('// the Codex backend\nconst a = 1; /* codex */')).toBe(false);
  });
});
