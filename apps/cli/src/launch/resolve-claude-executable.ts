import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { CcsError } from '@ccs/core';

export interface ClaudeExecutable {
  /** What to spawn. */
  command: string;
  /** Arguments before Claude Code's own (a .js entry runs under this Node). */
  prefixArgs: string[];
  /** The file that was found, for --verbose. */
  path: string;
  /** Windows .cmd/.bat shims must go through the shell. */
  shell: boolean;
}

const INSTALL_HINT =
  'Install it with: npm install -g @anthropic-ai/claude-code (or point CCS_CLAUDE_PATH at it).';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isExecutable(path: string): boolean {
  if (!isFile(path)) return false;
  if (process.platform === 'win32') return true;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function toExecutable(path: string, platform: NodeJS.Platform): ClaudeExecutable {
  if (/\.(c|m)?js$/i.test(path)) return { command: process.execPath, prefixArgs: [path], path, shell: false };
  return { command: path, prefixArgs: [], path, shell: platform === 'win32' && /\.(cmd|bat)$/i.test(path) };
}

/** `claude` on PATH (with PATHEXT on Windows), like `which`. */
export function findOnPath(
  name: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const exts =
    process.platform === 'win32'
      ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase())]
      : [''];
  for (const dir of dirs)
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  return undefined;
}

/**
 * Claude Code to launch: the configured path (CCS_CLAUDE_PATH, else config.yaml `claude-path`), else
 * `claude` on PATH. Missing → DEPENDENCY_MISSING (exit 1) with the install command.
 */
export function resolveClaudeExecutable(
  configuredPath: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ClaudeExecutable {
  const platform = process.platform;
  if (configuredPath) {
    const looksLikePath = isAbsolute(configuredPath) || /[\\/]/.test(configuredPath);
    const found = looksLikePath ? resolve(configuredPath) : findOnPath(configuredPath, env);
    if (!found || !isFile(found)) {
      throw new CcsError(
        'DEPENDENCY_MISSING',
        `Claude Code was not found at ${configuredPath} (CCS_CLAUDE_PATH or claude-path).`,
        {
          suggestion: `Fix the path, or unset it to use claude on PATH. ${INSTALL_HINT}`,
        },
      );
    }
    return toExecutable(found, platform);
  }
  const found = findOnPath('claude', env);
  if (!found) {
    throw new CcsError('DEPENDENCY_MISSING', 'Claude Code is not installed: no claude command on PATH.', {
      suggestion: INSTALL_HINT,
    });
  }
  return toExecutable(found, platform);
}
