import { defineConfig } from 'tsup';

// ESM and CommonJS, each with its own declarations (.d.ts / .d.cts), for the public entry and the
// unstable `./internal` one. Shared code goes to chunks, so both entries see one copy of each class.
export default defineConfig({
  entry: ['src/index.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  target: 'node20',
  platform: 'node',
  dts: { entry: ['src/index.ts', 'src/internal.ts'] },
  sourcemap: true,
  clean: true,
  splitting: true,
  tsconfig: '../../tsconfig.build.json',
});
