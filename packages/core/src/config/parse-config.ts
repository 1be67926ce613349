import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { CcsError } from '../errors/ccs-error.js';
import { type CcsConfig, CLIPROXY_ONLY_KEYS, ccsConfigSchema, KNOWN_CONFIG_KEYS } from './config-schema.js';
import { openAICompatibilityWarnings } from './openai-compatibility-warnings.js';
import { formatKeyPath, YamlKeyLines } from './yaml-key-lines.js';

export interface LoadedConfig {
  config: CcsConfig;
  /** One line each, `file:line: …`; unknown keys land here and are kept in the file. */
  warnings: string[];
  /** Full path of the file the config came from. */
  path: string;
  /** False when the file does not exist (the config is all defaults). */
  exists: boolean;
  /** Finds the line of a key path in the file, for errors found later (e.g. plugin loading). */
  lineOf(keyPath: ReadonlyArray<PropertyKey>): number;
}

/**
 * A CONFIG_INVALID error whose message is one line: `<file>:<line>: <key> <problem>`. No suggestion
 * by default: the location is the advice, and the CLI prints the error as exactly one line.
 */
export function configErrorAt(file: string, line: number, message: string, suggestion?: string): CcsError {
  return new CcsError('CONFIG_INVALID', `${file}:${line}: ${message}`, {
    ...(suggestion ? { suggestion } : {}),
    details: { file, line },
  });
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownKeyWarnings(raw: Record<string, unknown>, path: string, lines: YamlKeyLines): string[] {
  const warnings: string[] = [];
  for (const [section, known] of Object.entries(KNOWN_CONFIG_KEYS)) {
    const value = section === '' ? raw : raw[section];
    if (!isMapping(value)) continue;
    const ignored = CLIPROXY_ONLY_KEYS[section] ?? [];
    for (const key of Object.keys(value)) {
      if (known.includes(key) || ignored.includes(key)) continue;
      const keyPath = section === '' ? [key] : [section, key];
      warnings.push(
        `${path}:${lines.lineOf(keyPath)}: unknown key "${keyPath.join('.')}" is ignored (it stays in the file).`,
      );
    }
  }
  const strategy = isMapping(raw.routing) ? raw.routing.strategy : undefined;
  if (typeof strategy === 'string' && strategy !== 'failover' && strategy !== 'default-only') {
    warnings.push(
      `${path}:${lines.lineOf(['routing', 'strategy'])}: routing.strategy "${strategy}" is a CLIProxyAPI strategy; ccs uses "failover".`,
    );
  }
  return warnings;
}

/** Parses and validates config.yaml text. Throws CcsError CONFIG_INVALID naming file, line and key. */
export function parseConfig(text: string, path: string): LoadedConfig {
  const lines = new YamlKeyLines(text);
  let raw: unknown;
  try {
    raw = yaml.load(text, { filename: path });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? 'unreadable YAML';
    const line = (mark?.line ?? 0) + 1;
    const near = lines.keyAtOrBefore(line);
    throw configErrorAt(path, line, `invalid YAML${near ? ` at "${near}"` : ''}: ${reason}.`);
  }
  if (raw === undefined || raw === null) raw = {};
  if (!isMapping(raw)) {
    throw configErrorAt(
      path,
      1,
      'the file must be a mapping of keys (such as "port: 8317"), not a list or a value.',
    );
  }
  const parsed = ccsConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keyPath = issue.path as PropertyKey[];
    const key = formatKeyPath(keyPath);
    throw configErrorAt(path, lines.lineOf(keyPath), `${key || 'the file'} ${issue.message}`.trim());
  }
  return {
    config: parsed.data,
    warnings: [
      ...unknownKeyWarnings(raw, path, lines),
      ...openAICompatibilityWarnings(raw['openai-compatibility'], path, lines),
    ],
    path,
    exists: true,
    lineOf: (keyPath) => lines.lineOf(keyPath),
  };
}

/** Reads config.yaml; a missing file is the defaults (and is not created). */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ...parseConfig('', path), exists: false };
    if (code === 'EISDIR') {
      throw new CcsError('CONFIG_INVALID', `${path} is a folder, not a config file.`, {
        suggestion: 'Move that folder aside; ccs then starts from the defaults.',
        cause: error,
      });
    }
    throw new CcsError('CONFIG_INVALID', `Cannot read ${path}: ${(error as Error).message}`, {
      suggestion: 'Check the file permissions.',
      cause: error,
    });
  }
  return parseConfig(text, path);
}
