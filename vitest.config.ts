import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import workspace packages from source, so `pnpm test` never runs against a stale build.
// Tests that exercise the built `ccs` bin (integration, e2e) build it first in their global setup.
const alias = {
  '@ccs/core': here('./packages/core/src/index.ts'),
  '@ccs/provider-kit': here('./packages/provider-kit/src/index.ts'),
  '@ccs/provider-codex': here('./packages/provider-codex/src/index.ts'),
  '@ccs/provider-openai-compatible': here('./packages/provider-openai-compatible/src/index.ts'),
  '@ccs/testkit': here('./packages/testkit/src/index.ts'),
  '@ccs/proxy': here('./apps/proxy/src/index.ts'),
};

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
