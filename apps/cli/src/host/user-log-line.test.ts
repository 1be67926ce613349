import { describe, expect, it } from 'vitest';
import { userLogLine as format } from './user-log-line.js';

// Colour depends on the terminal the tests run in; compare the text.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const userLogLine = (line: string, debug: boolean) => format(line, debug).replace(ANSI, '');

describe('userLogLine', () => {
  it('shows a scoped warn/error log record like any other ccs warning/error', () => {
    expect(userLogLine('[ccs:codex] warn accounts.json was unreadable; rebuilt.', false)).toBe(
      'warning accounts.json was unreadable; rebuilt.',
    );
    expect(userLogLine('[ccs] error the proxy stopped', false)).toBe('error the proxy stopped');
  });

  it('leaves info lines, and everything at debug level, in the log format', () => {
    expect(userLogLine('[ccs] info listening', false)).toBe('[ccs] info listening');
    expect(userLogLine('[ccs:codex] warn x', true)).toBe('[ccs:codex] warn x');
  });
});
