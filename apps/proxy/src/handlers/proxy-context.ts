import type { Logger, Provider } from '@ccs/core';
import type { ProxyOptions } from '../proxy-options.js';
import type { FailoverState } from '../routing/open-with-failover.js';
import type { RouteOptions } from '../routing/resolve-model-route.js';
import type { RequestObservers } from './request-observers.js';

/** State shared by the request handlers of one running proxy. */
export interface ProxyContext extends FailoverState {
  options: ProxyOptions;
  route: RouteOptions;
  trace: ((line: string) => void) | undefined;
  /** The usage ledger and the status file, told about each answered request. */
  observers: RequestObservers | undefined;
  logger: Logger | undefined;
  defaultProvider(): Provider;
}
