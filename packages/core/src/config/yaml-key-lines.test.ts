import { describe, expect, it } from 'vitest';
import { formatKeyPath, YamlKeyLines } from './yaml-key-lines.js';

describe('YamlKeyLines', () => {
  const text = [
    '# comment', // 1
    'port: 8317', // 2
    'note: |', // 3
    '  port: not a key', // 4
    'plugins:', // 5
    '  - ./a.mjs', // 6
    '  - path: ./b.mjs', // 7
    '    options:', // 8
    '      greeting: hi', // 9
    '"quoted key": 1', // 10
    'codex:', // 11
    '  headers:', // 12
    '    originator: x', // 13
  ].join('\n');
  const lines = new YamlKeyLines(text);

  it('finds keys, list items and nested keys', () => {
    expect(lines.lineOf(['port'])).toBe(2);
    expect(lines.lineOf(['plugins', 0])).toBe(6);
    expect(lines.lineOf(['plugins', 1, 'path'])).toBe(7);
    expect(lines.lineOf(['plugins', 1, 'options', 'greeting'])).toBe(9);
    expect(lines.lineOf(['quoted key'])).toBe(10);
    expect(lines.lineOf(['codex', 'headers', 'originator'])).toBe(13);
  });

  it('falls back to the deepest existing ancestor, and skips block scalars', () => {
    expect(lines.lineOf(['plugins', 1, 'options', 'missing'])).toBe(8);
    expect(lines.lineOf(['nothing'])).toBe(1);
    expect(lines.has(['note', 'port'])).toBe(false);
    expect(lines.keyAtOrBefore(4)).toBe('note');
  });

  it('handles lists written at the same indentation as their key', () => {
    const flat = new YamlKeyLines('plugins:\n- ./a.mjs\n- path: ./b.mjs\n  options:\n    x: 1\nport: 1\n');
    expect(flat.lineOf(['plugins', 1, 'options', 'x'])).toBe(5);
    expect(flat.lineOf(['port'])).toBe(6);
  });

  it('formats key paths the way users read them', () => {
    expect(formatKeyPath(['plugins', 2, 'options', 'a'])).toBe('plugins[2].options.a');
  });
});
