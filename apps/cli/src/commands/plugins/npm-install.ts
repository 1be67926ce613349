import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CcsError } from '@ccs/core';
import { z } from 'zod';
import { ensurePrivateDir } from '../../host/write-config-file.js';

const manifestSchema = z.looseObject({ dependencies: z.record(z.string(), z.string()).optional() });

async function dependencies(dir: string): Promise<Record<string, string>> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')));
    return parsed.success ? (parsed.data.dependencies ?? {}) : {};
  } catch {
    return {};
  }
}

/** `name`, `name@1.2`, `@scope/name@^1` → the package name. */
function nameOfSpec(spec: string): string | undefined {
  const match = /^(@[^/@\s]+\/[^@\s]+|[^@/\s][^@\s]*)(?:@.*)?$/.exec(spec);
  return match?.[1];
}

function runNpm(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const windows = process.platform === 'win32';
    // npm's own progress and errors go to stderr, so ccs's stdout stays its own.
    const child = spawn(windows ? 'npm.cmd' : 'npm', args, { cwd, stdio: ['ignore', 2, 2], shell: windows });
    child.once('error', (error) =>
      reject(
        new CcsError(
          'DEPENDENCY_MISSING',
          `Could not run npm (${(error as NodeJS.ErrnoException).code ?? error.message}).`,
          {
            suggestion:
              'Install Node.js with npm, or add the plugin by path: ccs plugins add /path/to/plugin',
          },
        ),
      ),
    );
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * Installs a package (name, name@version or a tarball path) into `dir` (`$CCS_HOME/cliproxy`) with npm
 * and returns its package name, the specifier config.yaml then lists (looked up in that node_modules).
 */
export async function npmInstall(dir: string, spec: string): Promise<string> {
  await ensurePrivateDir(dir);
  const before = await dependencies(dir);
  const code = await runNpm(['install', '--no-audit', '--no-fund', '--save', '--prefix', dir, spec], dir);
  if (code !== 0) {
    throw new CcsError(
      'UPSTREAM_ERROR',
      `npm install ${spec} failed (exit ${code}); config.yaml was not changed.`,
      {
        suggestion: "See npm's message above: check the name or path, and your network or registry settings.",
      },
    );
  }
  const after = await dependencies(dir);
  const added = Object.keys(after).find((name) => before[name] !== after[name]);
  const tarball = basename(spec);
  const name =
    added ??
    Object.keys(after).find((key) => after[key]!.includes(tarball)) ??
    (nameOfSpec(spec) && after[nameOfSpec(spec)!] !== undefined ? nameOfSpec(spec) : undefined);
  if (!name) {
    throw new CcsError(
      'PLUGIN_NOT_FOUND',
      `npm installed ${spec}, but ccs could not tell which package it is.`,
      {
        suggestion: `Add it by name instead: ccs plugins add <package-name> (see ${join(dir, 'package.json')}).`,
      },
    );
  }
  return name;
}
