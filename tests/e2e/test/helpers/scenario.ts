import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sandbox } from '../../../../scripts/lib/ccs-harness.mjs';

/**
 * An opaque blob shaped like the backend's `encrypted_content` (Fernet-like: version byte 0x80, so it starts with
 * "gAAAAA", base64url). Proxies that validate reasoning signatures the way CLIProxyAPI does accept it.
 */
export function fakeEncryptedReasoning(): string {
  const token = Buffer.concat([
    Buffer.from([0x80]),
    Buffer.alloc(8),
    randomBytes(16), // iv
    randomBytes(64), // ciphertext (a multiple of the AES block size)
    randomBytes(32), // hmac
  ]);
  return token.toString('base64url');
}

export function settingsPath(sandbox: Sandbox): string {
  return join(sandbox.ccsHome, 'codex.settings.json');
}

/** Writes `codex.settings.json` as a user would (0600), before ccs runs. */
export function writeSettings(sandbox: Sandbox, settings: Record<string, unknown>): void {
  const path = settingsPath(sandbox);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
}

export function readSettings(sandbox: Sandbox): { env?: Record<string, string>; [key: string]: unknown } {
  return JSON.parse(readFileSync(settingsPath(sandbox), 'utf8'));
}

/** The items of a Responses request body's `input` array. */
export function inputItems(body: Record<string, unknown>): Array<Record<string, unknown>> {
  return Array.isArray(body.input) ? (body.input as Array<Record<string, unknown>>) : [];
}
