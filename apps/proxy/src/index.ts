// The public API of @ccs/proxy: start the Anthropic-compatible proxy in front of ccs providers. Each
// name here is a promise kept across minor versions; api/proxy.api.md is the reviewed list. The
// dashboard, the Anthropic codec and the routing helpers the CLI uses are in `@ccs/proxy/internal`
// (unstable, no semver guarantee).

// Types the options refer to
export type {
  DashboardLogin,
  DashboardLoginRequest,
  DashboardLoginSink,
} from './dashboard/dashboard-login.js';
export type {
  DashboardOptions,
  DashboardSlotChange,
  DashboardSlotModels,
} from './dashboard/dashboard-options.js';
export type { ProxyOptions, RunningProxy } from './proxy-options.js';
export type { RoutingStrategy } from './routing/account-pool.js';
export type { SlotModels } from './routing/resolve-model-route.js';
export { startProxy } from './server/start-proxy.js';
