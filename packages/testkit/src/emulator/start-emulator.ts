import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { EmulatorControl } from './control.js';
import { createRequestListener } from './server/router.js';
import { type EmulatorOptions, EmulatorState } from './state.js';

export interface StartEmulatorOptions extends EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only. */
  host?: '127.0.0.1';
}

export interface Emulator {
  /** `http://127.0.0.1:<port>` — use as `CCS_CODEX_ISSUER`. */
  issuer: string;
  /** `http://127.0.0.1:<port>/backend-api` — use as `CCS_CODEX_BASE_URL`. */
  baseUrl: string;
  port: number;
  control: EmulatorControl;
  close(): Promise<void>;
}

/** Starts the OpenAI auth + Codex backend emulator on a loopback port. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('the emulator only listens on 127.0.0.1');
  const state = new EmulatorState({
    deviceIntervalSeconds: options.deviceIntervalSeconds ?? 5,
    authCodeTtlSeconds: options.authCodeTtlSeconds ?? 600,
    deviceCodeTtlSeconds: options.deviceCodeTtlSeconds ?? 900,
  });
  const control = new EmulatorControl(state);
  const server: Server = createServer(createRequestListener(state, control));
  server.keepAliveTimeout = 1000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${host}:${port}`;
  state.issuer = issuer;
  let closing: Promise<void> | undefined;
  return {
    issuer,
    baseUrl: `${issuer}/backend-api`,
    port,
    control,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Slow or stuck streams must not keep a test run alive.
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
