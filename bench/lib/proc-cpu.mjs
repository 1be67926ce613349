// CPU time (user + system) of another process, from /proc/<pid>/stat (Linux). In clock ticks of 10 ms,
// so callers measure enough requests for the tick to be small against the total.
import { readFileSync } from 'node:fs';

const TICK_US = 10_000; // USER_HZ is 100 on every Linux this runs on

/** Microseconds of CPU the process has used so far, or undefined where /proc is not available. */
export function cpuMicros(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return undefined;
  }
}

/**
 * Microseconds of CPU of the process's main thread (the event loop: JavaScript, parsing, syscalls it
 * makes), from /proc/<pid>/task/<pid>/stat; the rest of cpuMicros is V8's helper threads (GC marking
 * and scavenging in parallel, compilation) and libuv's thread pool.
 */
export function mainThreadMicros(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return undefined;
  }
}
