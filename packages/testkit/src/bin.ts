#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator/start-emulator.js';

const USAGE = `Usage: ccs-emulator [--port P] [--device-interval S] [--account EMAIL:PLAN]...

Runs the OpenAI auth server + Codex backend emulator on 127.0.0.1.
Prints "issuer=<url> baseUrl=<url>" on its first line; script it through /__emulator/* (see docs/testing.md).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'device-interval': { type: 'string' },
      account: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`ccs-emulator: --port must be 0-65535\n${USAGE}\n`);
    process.exit(2);
  }
  const interval = values['device-interval'] === undefined ? undefined : Number(values['device-interval']);
  if (interval !== undefined && !(Number.isInteger(interval) && interval >= 0)) {
    process.stderr.write(`ccs-emulator: --device-interval must be a whole number of seconds\n`);
    process.exit(2);
  }
  const emu = await startEmulator({ port, deviceIntervalSeconds: interval });
  for (const spec of values.account ?? []) {
    const [email, plan] = spec.split(':');
    if (!email || !plan) {
      process.stderr.write(`ccs-emulator: --account must look like EMAIL:PLAN\n`);
      process.exit(2);
    }
    emu.control.addAccount({ email, plan });
  }
  process.stdout.write(`issuer=${emu.issuer} baseUrl=${emu.baseUrl}\n`);
  const stop = () => {
    void emu.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`ccs-emulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
