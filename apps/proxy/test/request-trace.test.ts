import { describe, expect, it } from 'vitest';
import { formatTrace, formatWarnings, toChatWarnings } from '../src/handlers/request-trace.js';

describe('warnings in the --verbose trace', () => {
  it('reads a plugin’s plain strings as `other` warnings and keeps typed ones as they are', () => {
    expect(
      toChatWarnings([
        'capped to high',
        {
          type: 'unsupported-setting',
          setting: 'maxOutputTokens',
          details: 'the backend sets its own limit',
        },
      ]),
    ).toEqual([
      { type: 'other', message: 'capped to high' },
      { type: 'unsupported-setting', setting: 'maxOutputTokens', details: 'the backend sets its own limit' },
    ]);
  });

  it('names every setting left out on one line, under the name the client sent it, each once', () => {
    expect(
      formatWarnings([
        { type: 'unsupported-setting', setting: 'temperature' },
        { type: 'other', message: 'replayed reasoning was left out' },
        {
          type: 'unsupported-setting',
          setting: 'maxOutputTokens',
          details: 'the Codex backend sets its own output limit',
        },
        { type: 'unsupported-setting', setting: 'webSearch.maxUses', details: 'no search limit' },
        { type: 'unsupported-setting', setting: 'temperature' },
      ]),
    ).toEqual([
      'not sent: temperature, max_tokens (the Codex backend sets its own output limit), web_search.max_uses (no search limit)',
      'replayed reasoning was left out',
    ]);
    expect(formatWarnings([])).toEqual([]);
  });

  it('prints routing notes, then the warnings, then the summary line', () => {
    const lines = formatTrace({
      method: 'POST',
      path: '/v1/messages',
      startedAt: performance.now(),
      status: 200,
      notes: ['account john is cooling down; using jane'],
      warnings: [{ type: 'unsupported-setting', setting: 'top_p' }],
    });
    expect(lines.slice(0, 2)).toEqual([
      '[ccs]   account john is cooling down; using jane',
      '[ccs]   not sent: top_p',
    ]);
    expect(lines[2]).toMatch(/^\[ccs\] POST \/v1\/messages status=200 \d+ms$/);
  });
});
