import { dirname } from 'node:path';
import { ensureDir, moveAside, readJsonFile, writeFileAtomic } from '@ccs/provider-kit';
import { z } from 'zod';

/** One account in accounts.json (CCS shape; unknown keys such as CCS's `paused`/`tier` are kept). */
export const registryEntrySchema = z.looseObject({
  email: z.string().optional(),
  nickname: z.string().optional(),
  tokenFile: z.string().optional(),
  plan: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  lastUsedAt: z.string().optional(),
});
export type RegistryEntry = z.infer<typeof registryEntrySchema>;

const codexSectionSchema = z.looseObject({
  default: z.string().optional(),
  accounts: z.record(z.string(), registryEntrySchema).default({}),
});
export type CodexRegistrySection = z.infer<typeof codexSectionSchema>;

/**
 * `{ version: 1, providers: { codex: { default, accounts: { <id>: {…} } } } }`. Other providers' sections
 * (a CCS user may have gemini or agy accounts) are kept verbatim.
 */
export const accountsRegistrySchema = z.looseObject({
  version: z.number().optional(),
  providers: z.looseObject({ codex: codexSectionSchema.optional() }).default({}),
});
export type AccountsRegistry = z.infer<typeof accountsRegistrySchema>;

export type LoadRegistryResult =
  | { status: 'ok'; registry: AccountsRegistry }
  | { status: 'missing' }
  | { status: 'corrupt'; error: string };

export async function readAccountsRegistry(path: string): Promise<LoadRegistryResult> {
  const result = await readJsonFile(path, accountsRegistrySchema);
  if (result.status === 'ok') return { status: 'ok', registry: result.value };
  return result;
}

export function emptyRegistry(): AccountsRegistry {
  return { version: 1, providers: {} };
}

export function codexSectionOf(registry: AccountsRegistry): CodexRegistrySection {
  registry.providers.codex ??= { accounts: {} };
  return registry.providers.codex;
}

export async function writeAccountsRegistry(path: string, registry: AccountsRegistry): Promise<void> {
  await ensureDir(dirname(path), 0o700);
  await writeFileAtomic(
    path,
    `${JSON.stringify({ ...registry, version: registry.version ?? 1 }, null, 2)}\n`,
    {
      mode: 0o600,
    },
  );
}

/** Moves a corrupt accounts.json aside (kept as a backup) and returns where it went. */
export const moveRegistryAside = (path: string) => moveAside(path);
