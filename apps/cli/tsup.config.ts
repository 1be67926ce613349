import { readFileSync, rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// Two builds share dist/, so it is emptied once here rather than by each (they run concurrently).
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

const common = {
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: false,
  define: { __CCS_VERSION__: JSON.stringify(pkg.version) },
  tsconfig: '../../tsconfig.build.json',
} as const;

export default defineConfig([
  {
    // The bin and the ESM library entry. Every command is its own chunk, loaded only when run:
    // `ccs --version` loads bin.js alone.
    ...common,
    entry: ['src/index.ts', 'src/bin.ts'],
    format: ['esm'],
    dts: { entry: 'src/index.ts' },
    splitting: true,
    banner: { js: '' },
  },
  {
    // `require('@ccs/cli')` (run, CCS_VERSION): one CommonJS file; the commands' ESM-only
    // dependencies (open, @clack/prompts) are still loaded lazily, only by the commands using them.
    ...common,
    entry: ['src/index.ts'],
    format: ['cjs'],
    dts: { entry: 'src/index.ts' },
    shims: true,
  },
]);
