import { chmod, readFile, stat } from 'node:fs/promises';
import { CcsError, type ModelSlot } from '@ccs/core';
import { withFileLock, writeFileAtomic0600 } from '../host/write-config-file.js';
import {
  defaultProviderSettings,
  type ProviderSettingsData,
  providerSettingsSchema,
  type SettingsKeys,
} from './provider-settings-schema.js';

export interface LoadedProviderSettings {
  path: string;
  data: ProviderSettingsData;
  /** True when this call created the file with the defaults. */
  created: boolean;
}

const FIX = (path: string) =>
  `Fix the file by hand, or move it away (e.g. mv ${path} ${path}.bak) and ccs writes the defaults again.`;

/** 1-based line of a character offset, for "file:line" in errors. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * Validates the text of `<provider>.settings.json` (`keys`: that provider's ccs variables); a broken
 * file is a configuration error naming file and problem.
 */
export function parseProviderSettings(text: string, path: string, keys: SettingsKeys): ProviderSettingsData {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? `:${lineAt(text, Number(position[1]))}` : '';
    throw new CcsError('CONFIG_INVALID', `${path}${where} is not valid JSON (${message}).`, {
      suggestion: FIX(path),
      details: { file: path },
    });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CcsError('CONFIG_INVALID', `${path} must hold a JSON object (a Claude Code settings file).`, {
      suggestion: FIX(path),
      details: { file: path },
    });
  }
  const parsed = providerSettingsSchema(keys).safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(root)'} ${issue.message}`);
    throw new CcsError('CONFIG_INVALID', `${path}: ${issues.join('; ')}.`, {
      suggestion: `${FIX(path)} Example: {"env":{"ANTHROPIC_MODEL":"<model>","${keys.effort}":"high"}}`,
      details: { file: path },
    });
  }
  // The input object, not zod's copy: it keeps the user's key order (the schema has no transforms).
  return raw as ProviderSettingsData;
}

/** Two spaces and a trailing newline, like Claude Code's own settings files. */
export function formatProviderSettings(data: ProviderSettingsData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') {
      throw new CcsError('CONFIG_INVALID', `${path} is a folder, not a file.`, {
        suggestion: 'Move that folder away; ccs writes the settings file with the defaults again.',
        details: { file: path },
      });
    }
    throw new CcsError('CONFIG_INVALID', `Cannot read ${path} (${code}).`, {
      suggestion: 'Check the file permissions.',
      details: { file: path },
    });
  }
}

/** A file created by an older tool with 0644 is tightened to 0600 (it sits beside token files). */
async function tightenMode(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) await chmod(path, 0o600);
  } catch {
    // Best effort: a file we cannot chmod is still readable.
  }
}

/** No slot models: what a missing file reads as when it is not created (the view fills the defaults). */
const EMPTY_SETTINGS: ProviderSettingsData = { env: {} };

/**
 * Reads `<provider>.settings.json`, creating it on first use with `defaults` (the provider's slot defaults,
 * from the best model list it knows). A broken file is never overwritten: it is a configuration error
 * (exit 2) naming the file.
 */
export async function loadProviderSettings(
  path: string,
  keys: SettingsKeys,
  options: { create?: boolean; defaults?: Readonly<Record<ModelSlot, string>> } = {},
): Promise<LoadedProviderSettings> {
  const text = await readIfExists(path);
  if (text !== undefined) {
    await tightenMode(path);
    return { path, data: parseProviderSettings(text, path, keys), created: false };
  }
  const defaults = options.defaults;
  if (options.create === false || !defaults)
    return { path, data: structuredClone(EMPTY_SETTINGS), created: false };
  return withFileLock(path, async () => {
    // Another ccs may have created it while we waited for the lock.
    const again = await readIfExists(path);
    if (again !== undefined) return { path, data: parseProviderSettings(again, path, keys), created: false };
    const data = defaultProviderSettings(defaults);
    await writeFileAtomic0600(path, formatProviderSettings(data));
    return { path, data, created: true };
  });
}

/**
 * Read-modify-write under the file lock: `change` gets the current content (re-read inside the lock,
 * so a concurrent writer's change is not lost) and returns the new content, or undefined to leave
 * the file alone. Resolves to what the file holds afterwards.
 */
export async function updateProviderSettings(
  path: string,
  keys: SettingsKeys,
  change: (current: ProviderSettingsData) => ProviderSettingsData | undefined,
): Promise<ProviderSettingsData> {
  return withFileLock(path, async () => {
    const text = await readIfExists(path);
    const current =
      text === undefined ? structuredClone(EMPTY_SETTINGS) : parseProviderSettings(text, path, keys);
    const next = change(current);
    if (next === undefined) return current;
    await writeFileAtomic0600(
      path,
      formatProviderSettings(parseProviderSettings(JSON.stringify(next), path, keys)),
    );
    return next;
  });
}
