import { CcsError, type CcsSettings, codexOptionsFromConfig } from '@ccs/core';
import { type CodexOptions, type CodexOptionsInput, codexOptionsSchema } from './codex-options.js';

/**
 * The Codex options ccs itself would use: the `codex:` section of config.yaml with the
 * `CCS_CODEX_*` variables winning (INTERFACE.md), then `overrides` winning over both.
 * Throws a `CcsError` (`USAGE` for a malformed variable, `CONFIG_INVALID` for a bad value) whose
 * `details` name the option.
 */
export function codexOptionsFromSettings(
  settings: Pick<CcsSettings, 'config' | 'configFile' | 'processEnv'>,
  overrides: CodexOptionsInput = {},
): CodexOptions {
  const fromFile = codexOptionsFromConfig(settings.config, settings.processEnv);
  const parsed = codexOptionsSchema.safeParse({ ...fromFile, ...withoutUndefined(overrides) });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = issue.path.join('.');
  throw new CcsError('CONFIG_INVALID', `Codex option ${option}: ${issue.message}`, {
    suggestion: `Check the codex: section of ${settings.configFile} and the CCS_CODEX_* variables.`,
    details: { option, configFile: settings.configFile },
  });
}

function withoutUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
