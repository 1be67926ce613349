/**
 * The page's only script, compiled from the type-checked client/dashboard-client.ts. The page's
 * Content-Security-Policy allows exactly this text (by its hash).
 */
export { DASHBOARD_SCRIPT } from './dashboard-client.generated.js';
