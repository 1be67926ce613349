import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { isProcessAlive } from './is-process-alive.js';

const isWindows = process.platform === 'win32';

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

/**
 * Creates `path` (and its parents) with `mode`. If it already exists with looser permissions it is
 * tightened to `mode`, so a token folder created by an older tool is not left world-readable.
 */
export async function ensureDir(path: string, mode = 0o700): Promise<void> {
  await mkdir(path, { recursive: true, mode });
  if (isWindows) return;
  const info = await stat(path);
  // Only tighten: never widen a folder the user deliberately locked down further.
  if ((info.mode & 0o777 & ~mode) !== 0) await chmod(path, info.mode & 0o777 & mode);
}

/** fsync a folder so a rename inside it survives a crash; not supported everywhere, so best effort. */
async function fsyncDir(dir: string): Promise<void> {
  if (isWindows) return;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** A temp file nobody will finish after this long is garbage even if its pid was reused since. */
const ABANDONED_TEMP_MS = 60 * 60 * 1000;
/** `.<target>.<pid>.<12 hex>.tmp`: the names writeFileAtomic gives its temp files. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/**
 * A writer killed between creating its temp file and the rename (SIGKILL, power loss) cannot clean
 * up; the next writer in the same folder does: our temp files whose process is gone (or that are an
 * hour old) are removed, whichever file they were for (per-process files such as the proxy's status
 * file are never written again by the same name). Temp names carry the writer's pid for exactly this.
 */
async function sweepAbandonedTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const temp = join(dir, name);
    const abandoned =
      !isProcessAlive(pid) ||
      (await stat(temp).then(
        (info) => Date.now() - info.mtimeMs > ABANDONED_TEMP_MS,
        () => false,
      ));
    if (abandoned) await unlink(temp).catch(() => {});
  }
}

export interface WriteFileAtomicOptions {
  /** File mode of the result (default 0o600: these are usually secrets). */
  mode?: number;
}

/**
 * Writes `data` to `path` so readers see either the old or the new content, never a torn file:
 * a temp file in the same folder is written, fsynced, chmodded, then renamed over the target. Temp files
 * left by writers that were killed mid-write are swept first.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  { mode = 0o600 }: WriteFileAtomicOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await sweepAbandonedTemps(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // 'wx': never follow or reuse something already sitting at the temp name.
    handle = await open(temp, 'wx', mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    // open()'s mode is filtered by the umask; set it explicitly.
    if (!isWindows) await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
  await fsyncDir(dir);
}

/** The file's text, or undefined when it does not exist. Other errors (EACCES, EISDIR) throw. */
export async function readTextFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

export type ReadJsonResult<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T; raw: unknown }
  | { status: 'corrupt'; error: string };

/**
 * Reads and validates a JSON file. Missing and corrupt files are results, not exceptions, so callers
 * decide (e.g. move a corrupt token file aside and ask the user to log in again). The error text
 * names the problem and the failing fields, never the file's values (they may be secrets).
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<ReadJsonResult<T>> {
  let text: string | undefined;
  try {
    text = await readTextFile(path);
  } catch (error) {
    return { status: 'corrupt', error: `Could not read the file (${errnoCode(error) ?? 'unknown error'}).` };
  }
  if (text === undefined) return { status: 'missing' };
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { status: 'corrupt', error: 'The file is not valid JSON.' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
    return { status: 'corrupt', error: `The file does not have the expected shape (${issues.join('; ')}).` };
  }
  return { status: 'ok', value: parsed.data, raw };
}

/**
 * Renames a corrupt file to `<path>.corrupt-<timestamp>.bak` (keeping it for the user to inspect,
 * and out of the way of a fresh write). Returns the new path.
 */
export async function moveAside(path: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}.bak`;
  // Two corrupt files in the same millisecond must not overwrite each other's evidence.
  for (let attempt = 1; attempt < 100; attempt++) {
    try {
      await stat(target);
      target = `${path}.corrupt-${stamp}-${attempt}.bak`;
    } catch {
      break;
    }
  }
  await rename(path, target);
  return target;
}
