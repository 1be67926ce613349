import type { Provider } from '@ccs/core';
import { ledgerRecordOf } from '../ledger/ledger-record-of.js';
import { createLedgerWriter, type LedgerWriter } from '../ledger/ledger-writer.js';
import type { ProxyOptions } from '../proxy-options.js';
import type { AccountPool } from '../routing/account-pool.js';
import { createSessionStatusWriter, type SessionStatusWriter } from '../status/session-status-writer.js';
import type { RequestTrace } from './request-trace.js';

/** What happens after each /v1/messages request has been answered: the usage ledger and the status file. */
export interface RequestObservers {
  requestDone(trace: RequestTrace): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createRequestObservers(
  options: ProxyOptions,
  pool: AccountPool,
  defaultProvider: Provider,
): RequestObservers | undefined {
  if (!options.ledgerDir && !options.statusFile) return undefined;
  const onError = (what: string) => (error: unknown) =>
    options.logger?.debug(`${what} not written: ${error instanceof Error ? error.message : String(error)}`);
  const ledger: LedgerWriter | undefined = options.ledgerDir
    ? createLedgerWriter({ dir: options.ledgerDir, onError: onError('usage ledger') })
    : undefined;
  const status: SessionStatusWriter | undefined = options.statusFile
    ? createSessionStatusWriter({
        file: options.statusFile,
        providers: options.providers,
        defaultProvider,
        pool,
        defaultModel: options.models?.default,
        onError: onError('status file'),
      })
    : undefined;
  return {
    requestDone(trace) {
      // Called after the response ended: both writers queue and return at once.
      ledger?.append(ledgerRecordOf(trace, defaultProvider.id));
      status?.requestDone(trace);
    },
    async start() {
      await status?.start();
    },
    async close() {
      await ledger?.close();
      await status?.close();
    },
  };
}
