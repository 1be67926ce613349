import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import workspace packages from source, so `pnpm test` never runs against a stale build.
// Tests that exercise the built `ccs` bin (integration, e2e) build it first in their global setup.
// Each published package has its public entry and (except the CLI) an unstable `./internal` one.
const entry = (name: string, dir: string, file: string) => ({
  find: new RegExp(`^${name}$`),
  replacement: here(`./${dir}/src/${file}.ts`),
});
const alias = [
  entry('@ccs/core', 'packages/core', 'index'),
  entry('@ccs/core/internal', 'packages/core', 'internal'),
  entry('@ccs/provider-kit', 'packages/provider-kit', 'index'),
  entry('@ccs/provider-codex', 'packages/provider-codex', 'index'),
  entry('@ccs/provider-codex/internal', 'packages/provider-codex', 'internal'),
  entry('@ccs/provider-openai-compatible', 'packages/provider-openai-compatible', 'index'),
  entry('@ccs/testkit', 'packages/testkit', 'index'),
  entry('@ccs/proxy', 'apps/proxy', 'index'),
  entry('@ccs/proxy/internal', 'apps/proxy', 'internal'),
];

const project = (name: string, root: string, extra: Record<string, unknown> = {}) => ({
  extends: true as const,
  test: { name, root, include: ['src/**/*.test.ts', 'test/**/*.test.ts'], ...extra },
});

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      project('@ccs/core', 'packages/core'),
      project('@ccs/provider-kit', 'packages/provider-kit'),
      project('@ccs/provider-codex', 'packages/provider-codex'),
      project('@ccs/provider-openai-compatible', 'packages/provider-openai-compatible'),
      project('@ccs/testkit', 'packages/testkit'),
      project('@ccs/proxy', 'apps/proxy'),
      project('@ccs/cli', 'apps/cli'),
      project('repo', '.', { include: ['test/**/*.test.ts'] }),
      project('e2e', 'tests/e2e', { testTimeout: 120_000, globalSetup: ['test/global-setup.ts'] }),
      project('reliability', 'tests/reliability', { testTimeout: 60_000 }),
    ],
  },
});
