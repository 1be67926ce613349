import { describe, expect, it } from 'vitest';
import { CcsError } from '../errors/ccs-error.js';
import { parseConfig } from './parse-config.js';

const FILE = '/home/u/.ccs/cliproxy/config.yaml';

function errorOf(text: string): string {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    if (CcsError.isInstance(error)) return error.message;
    throw error;
  }
  throw new Error('expected parseConfig to throw');
}

describe('openai-compatibility: in config.yaml (CLIProxyAPI keys)', () => {
  it('reads name, base-url, api-key-entries, api-keys, headers and models', () => {
    const { config, warnings } = parseConfig(
      [
        'openai-compatibility:',
        '  - name: openrouter',
        '    base-url: https://openrouter.ai/api/v1',
        '    api-key-entries:',
        '      - api-key: sk-or-1',
        '    api-keys: [sk-or-legacy]',
        '    headers: { X-Title: ccs }',
        '    prefix: or            # CLIProxyAPI-only: kept, no warning',
        '    models:',
        '      - name: deepseek/deepseek-chat',
        '        alias: deepseek',
        '        thinking: { levels: [low, high] }',
        '        is-compat: false',
        '  - name: local',
        '    base-url: http://127.0.0.1:11434/v1',
        '    disabled: true',
      ].join('\n'),
      FILE,
    );
    expect(warnings).toEqual([]);
    expect(config['openai-compatibility']).toEqual([
      {
        name: 'openrouter',
        'base-url': 'https://openrouter.ai/api/v1',
        'api-key-entries': [{ 'api-key': 'sk-or-1' }],
        'api-keys': ['sk-or-legacy'],
        headers: { 'X-Title': 'ccs' },
        models: [
          { name: 'deepseek/deepseek-chat', alias: 'deepseek', thinking: { levels: ['low', 'high'] } },
        ],
      },
      { name: 'local', 'base-url': 'http://127.0.0.1:11434/v1', disabled: true },
    ]);
    expect(parseConfig('port: 9000\n', FILE).config['openai-compatibility']).toEqual([]);
  });

  it('names the file, line and key of a bad entry', () => {
    expect(errorOf('openai-compatibility:\n  - name: groq\n    base-url: groq.com\n')).toBe(
      `${FILE}:3: openai-compatibility[0].base-url must be an http(s) URL such as https://openrouter.ai/api/v1`,
    );
    expect(errorOf('openai-compatibility:\n  - base-url: https://x.example/v1\n')).toMatch(
      /^.*config\.yaml:2: openai-compatibility\[0\]\.name must be a lower-case name/,
    );
    expect(
      errorOf('openai-compatibility:\n  - name: Open Router\n    base-url: https://x.example/v1\n'),
    ).toMatch(
      /:2: openai-compatibility\[0\]\.name "Open Router" must be lower-case letters, digits and dashes/,
    );
    expect(errorOf('openai-compatibility:\n  - name: proxy\n    base-url: https://x.example/v1\n')).toMatch(
      /:2: openai-compatibility\[0\]\.name "proxy" is a ccs command; pick another name/,
    );
    expect(
      errorOf(
        'openai-compatibility:\n  - name: a\n    base-url: https://x.example/v1\n  - name: a\n    base-url: https://y.example/v1\n',
      ),
    ).toMatch(/:4: openai-compatibility\[1\]\.name "a" is already the name of openai-compatibility\[0\]/);
    expect(
      errorOf(
        [
          'openai-compatibility:',
          '  - name: pool',
          '    base-url: https://x.example/v1',
          '    models:',
          '      - name: one',
          '        alias: best',
          '      - name: two',
          '        alias: best',
        ].join('\n'),
      ),
    ).toMatch(
      /:8: openai-compatibility\[0\]\.models\[1\]\.alias "best" is also models\[0\]; ccs does not pool models/,
    );
    expect(
      errorOf(
        'openai-compatibility:\n  - name: t\n    base-url: https://x.example/v1\n    models:\n      - name: m\n        thinking: { levels: [turbo] }\n',
      ),
    ).toMatch(
      /:6: openai-compatibility\[0\]\.models\[0\]\.thinking\.levels\[0\] must be one of none, minimal, low/,
    );
  });

  it('warns about unknown keys and about CLIProxyAPI features ccs does not carry out', () => {
    const { warnings } = parseConfig(
      [
        'openai-compatibility:',
        '  - name: gw',
        '    base-url: https://gw.example/v1',
        '    colour: blue',
        '    headers:',
        '      X-Session: $X-Claude-Code-Session-Id',
        '    api-key-entries:',
        '      - api-key: k',
        '        proxy-url: socks5://127.0.0.1:1080',
        '    models:',
        '      - name: m',
        '        speed: fast',
      ].join('\n'),
      FILE,
    );
    expect(warnings).toEqual([
      `${FILE}:4: unknown key "openai-compatibility[0].colour" is ignored (it stays in the file).`,
      `${FILE}:9: openai-compatibility[0].api-key-entries[0].proxy-url is not supported by ccs: requests to "gw" go out directly.`,
      `${FILE}:6: openai-compatibility[0].headers.X-Session copies a client header in CLIProxyAPI; ccs does not, and does not send it.`,
      `${FILE}:12: unknown key "openai-compatibility[0].models[0].speed" is ignored (it stays in the file).`,
    ]);
  });
});
