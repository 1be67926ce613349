import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// ESM and CommonJS, each with its own declarations (.d.ts / .d.cts). ky is ESM-only: the CommonJS
// build bundles it, so `require('@ccs/provider-kit')` works on every Node.js 20 (require(esm) is only
// there from 20.19). The ESM build imports it as a normal dependency.
// Two builds share dist/, so it is emptied once here rather than by each (they run concurrently).
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: { entry: 'src/index.ts' },
    sourcemap: true,
    clean: false,
    tsconfig: '../../tsconfig.build.json',
  },
  {
    entry: ['src/index.ts'],
    format: ['cjs'],
    target: 'node20',
    platform: 'node',
    dts: { entry: 'src/index.ts' },
    sourcemap: true,
    noExternal: ['ky'],
    tsconfig: '../../tsconfig.build.json',
  },
]);
