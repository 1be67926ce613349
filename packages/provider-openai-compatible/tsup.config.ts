import { defineConfig } from 'tsup';

// ESM and CommonJS, each with its own declarations (.d.ts / .d.cts). See CONTRIBUTING.md "Packaging".
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  target: 'node20',
  platform: 'node',
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  splitting: true,
  tsconfig: '../../tsconfig.build.json',
});
