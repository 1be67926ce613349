import { describe, expect, it } from 'vitest';
import { fsErrorAsCcsError } from './fs-error.js';
import { reportError, type Terminal } from './terminal.js';

const fsError = (code: string, syscall: string, path: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });

describe('file-system failures under CCS_HOME', () => {
  const env = { CCS_HOME: '/data/ccs' };

  it('a read-only disk, a denied permission or a full disk names the path, the reason and what to do', () => {
    expect(fsErrorAsCcsError(fsError('EROFS', 'open', '/data/ccs/cliproxy/config.yaml'), env)?.message).toBe(
      'Cannot use /data/ccs/cliproxy/config.yaml: the file system is read-only.',
    );
    expect(fsErrorAsCcsError(fsError('EACCES', 'open', '/data/ccs/x'), env)?.message).toContain(
      'permission denied',
    );
    expect(fsErrorAsCcsError(fsError('ENOSPC', 'write', '/data/ccs/x'), env)?.message).toContain(
      'the disk is full',
    );
    const mkdir = fsErrorAsCcsError(fsError('ENOENT', 'mkdir', '/data/ccs/cliproxy'), env);
    expect(mkdir?.message).toBe('Cannot create /data/ccs/cliproxy: its parent folder cannot be written.');
    expect(mkdir?.suggestion).toBe(
      'Make sure CCS_HOME (/data/ccs) is a folder you can write to, or point CCS_HOME at one.',
    );
    expect(mkdir?.exitCode).toBe(1);
  });

  it('leaves other errors alone (a missing file to read is not this)', () => {
    expect(fsErrorAsCcsError(fsError('ENOENT', 'open', '/data/ccs/x'), env)).toBeUndefined();
    expect(fsErrorAsCcsError(new Error('boom'), env)).toBeUndefined();
  });

  it('reportError prints it instead of "Unexpected error … please report"', () => {
    const lines: string[] = [];
    const term: Terminal = { out: () => {}, err: (line) => lines.push(line), color: false, isTTY: false };
    const code = reportError(fsError('EROFS', 'open', '/tmp/ro/cliproxy/config.yaml'), term);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(
      /Cannot use \/tmp\/ro\/cliproxy\/config\.yaml: the file system is read-only\./,
    );
    expect(lines.join('\n')).not.toMatch(/Unexpected error|report this/);
  });
});
