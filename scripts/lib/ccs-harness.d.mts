// Types for ccs-harness.mjs (kept beside it so the TypeScript e2e tests and the plain-JS demo share one harness).
import type { ChildProcess } from 'node:child_process';

export declare const repoRoot: string;
export declare const cliBinPath: string;
export declare const claudeExePath: string;
export declare function stripAnsi(text: string): string;
export declare function freePort(): Promise<number>;

export interface Sandbox {
  root: string;
  home: string;
  ccsHome: string;
  projectDir: string;
  callbackPort: number;
  env: Record<string, string>;
  cleanup(): void;
}
export declare function createSandbox(options: {
  issuer: string;
  baseUrl: string;
  env?: Record<string, string>;
  claudePath?: string;
  prefix?: string;
}): Promise<Sandbox>;

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  pid: number | undefined;
}
export interface ProcessOptions {
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  stdin?: 'ignore' | 'pipe' | 'inherit';
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** The ccs bin to run (default: the checkout's apps/cli/dist/bin.js). */
  bin?: string;
}
export interface StartedProcess {
  child: ChildProcess;
  pid: number | undefined;
  exited: Promise<ProcessResult>;
  output(): { stdout: string; stderr: string };
  killGroup(signal: NodeJS.Signals): boolean;
  write(text: string): void;
}
export declare function startProcess(
  command: string,
  args: string[],
  options?: ProcessOptions,
): StartedProcess;
export declare function startCcs(args: string[], options?: ProcessOptions): StartedProcess;
export declare function runCcs(args: string[], options?: ProcessOptions): Promise<ProcessResult>;
export declare function waitFor<T>(
  check: () => T | Promise<T>,
  options?: { timeoutMs?: number; intervalMs?: number; what?: string },
): Promise<NonNullable<T>>;

export interface LoginResult extends ProcessResult {
  authorizeUrl: string;
  redirectUrl: string;
}
export declare function playBrowser(
  proc: StartedProcess,
  options?: { via?: 'callback' | 'paste'; timeoutMs?: number },
): Promise<{ authorizeUrl: string; redirectUrl: string }>;
export declare function loginHeadless(options: {
  env: Record<string, string>;
  cwd?: string;
  extraArgs?: string[];
  via?: 'callback' | 'paste';
  timeoutMs?: number;
  bin?: string;
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
}): Promise<LoginResult>;

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  comm: string;
}
export declare function listProcesses(): ProcInfo[];
export declare function descendantsOf(pid: number, processes?: ProcInfo[]): ProcInfo[];
export declare function processesWithEnv(marker: string): ProcInfo[];

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
}
export interface EmulatorLike {
  control: { requests(filter?: { path?: string }): RecordedCall[] };
}
export declare function responsesCalls(emu: EmulatorLike): RecordedCall[];
export declare function rejectedResponsesCalls(emu: EmulatorLike): RecordedCall[];
