import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  // Every command is its own chunk, loaded only when run: `ccs --version` loads bin.js alone.
  splitting: true,
  define: { __CCS_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: '' },
  tsconfig: '../../tsconfig.build.json',
});
