import { describe, expect, it } from 'vitest';
import { withFirstApiKey } from './api-key-text.js';
import { parseConfig } from './parse-config.js';

const keysOf = (text: string) => parseConfig(text, '/c.yaml').config['api-keys'];

describe('withFirstApiKey', () => {
  it('appends an api-keys list to a file without one, keeping everything else', () => {
    const text = '# mine\nport: 9000 # why\nmystery: true\n';
    const out = withFirstApiKey(text, 'ccs-new');
    expect(out.startsWith(text)).toBe(true);
    expect(keysOf(out)).toEqual(['ccs-new']);
  });

  it('puts the key first in a block list, using its indentation', () => {
    const out = withFirstApiKey('api-keys: # keys\n    - old\nport: 1\n', 'ccs-new');
    expect(out).toBe('api-keys: # keys\n    - "ccs-new"\n    - old\nport: 1\n');
  });

  it('rewrites a flow list as a block list', () => {
    expect(keysOf(withFirstApiKey('api-keys: ["a", b]\nport: 1\n', 'ccs-new'))).toEqual([
      'ccs-new',
      'a',
      'b',
    ]);
    expect(keysOf(withFirstApiKey('api-keys: []\n', 'ccs-new'))).toEqual(['ccs-new']);
  });
});
