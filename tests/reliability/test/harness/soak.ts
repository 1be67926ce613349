import { readdir, readFile, readlink } from 'node:fs/promises';

export interface ProcessSample {
  sessions: number;
  rssMb: number;
  fds: number;
  sockets: number;
}

/** RSS, open descriptors and open sockets of a process, from /proc (Linux). */
export async function sampleProcess(pid: number, sessions: number): Promise<ProcessSample> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fds = await readdir(`/proc/${pid}/fd`);
  let sockets = 0;
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (target.startsWith('socket:')) sockets++;
  }
  return { sessions, rssMb: Math.round(rssKb / 1024), fds: fds.length, sockets };
}

export interface SoakSession {
  ok: boolean;
  error?: string;
}

/** Runs `count` sessions `concurrency` at a time; `sample` after every `every` finished sessions. */
export async function runSessions(
  count: number,
  concurrency: number,
  session: () => Promise<SoakSession>,
  onProgress: (done: number) => Promise<void>,
  every: number,
): Promise<{ failures: string[] }> {
  const failures: string[] = [];
  let started = 0;
  let done = 0;
  let nextSample = every;
  const worker = async () => {
    while (started < count) {
      started++;
      const result = await session().catch((error: unknown) => ({ ok: false, error: String(error) }));
      if (!result.ok) failures.push(result.error ?? 'failed');
      done++;
      if (done >= nextSample) {
        nextSample += every;
        await onProgress(done);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { failures };
}
