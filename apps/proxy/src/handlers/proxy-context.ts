import type { Logger, Provider } from '@ccs/core';
import type { ProxyOptions } from '../proxy-options.js';
import type { AccountPool } from '../routing/account-pool.js';
import type { RouteOptions } from '../routing/resolve-model-route.js';
import type { RequestObservers } from './request-observers.js';

/** State shared by the request handlers of one running proxy. */
export interface ProxyContext {
  options: ProxyOptions;
  route: RouteOptions;
  pool: AccountPool;
  /** Catalog-known replacements learnt from "model not supported" answers, per provider, account and model. */
  fallbacks: Map<string, string>;
  /** Last `touch` per account, to record use without writing the registry on every request. */
  touched: Map<string, number>;
  trace: ((line: string) => void) | undefined;
  /** The usage ledger and the status file, told about each answered request. */
  observers: RequestObservers | undefined;
  /** One line the user sees without --verbose (a model replaced at request time). */
  notice: (line: string) => void;
  logger: Logger | undefined;
  defaultProvider(): Provider;
}
