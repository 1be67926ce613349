import { usageError } from '@ccs/core';

export interface FlagSpec {
  /** flag name without dashes -> takes a value? */
  [name: string]: 'boolean' | 'string';
}

export interface ParsedFlags {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * A strict parser for ccs's own subcommands: unknown flags are usage errors naming the flag.
 * Accepts --flag value and --flag=value.
 */
export function parseFlags(argv: string[], spec: FlagSpec, command: string): ParsedFlags {
  const flags: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg === '-h') {
        flags.help = true;
        continue;
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const kind = spec[name];
    if (!kind) {
      throw usageError(
        `Unknown option --${name} for "${command}".`,
        `Run "${command} --help" to see the options.`,
      );
    }
    if (kind === 'boolean') {
      if (eq !== -1) throw usageError(`Option --${name} takes no value.`);
      flags[name] = true;
    } else {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
        throw usageError(`Option --${name} needs a value.`, `Example: ${command} --${name} <value>`);
      }
      flags[name] = value;
    }
  }
  return { flags, positionals };
}

/** Parses a TCP port or throws a usage error naming the flag. */
export function parsePort(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 1 || n > 65535) {
    throw usageError(
      `${flag} must be a port number between 1 and 65535, not "${value}".`,
      `Example: ${flag} 8317`,
    );
  }
  return n;
}
