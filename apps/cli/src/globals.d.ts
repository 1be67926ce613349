/** Injected by tsup at build time; see version.ts for the fallback used by tests. */
declare const __CCS_VERSION__: string | undefined;
