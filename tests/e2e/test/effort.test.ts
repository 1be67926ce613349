import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { responsesCalls } from '../../../scripts/lib/ccs-harness.mjs';
import { createE2eContext, describe as dump, type E2eContext, effortOf } from './helpers/e2e-context.js';
import { writeSettings } from './helpers/scenario.js';

// What reaches the backend is what counts: `reasoning.effort` and `model` in the recorded upstream requests.
let ctx: E2eContext;
let seen = 0;

/** Runs `ccs codex <args> -p hi` and returns the model/effort of the upstream requests it made (all must be 200). */
async function run(
  args: string[],
): Promise<{ stderr: string; sent: Array<{ model: unknown; effort: unknown }> }> {
  const result = await ctx.ccs(['codex', ...args, '-p', 'hi']);
  expect(result.code, dump(result)).toBe(0);
  const calls = responsesCalls(ctx.emu).slice(seen);
  seen += calls.length;
  expect(calls.length, 'upstream calls').toBeGreaterThan(0);
  expect(calls.map((c) => c.status)).toEqual(calls.map(() => 200));
  return {
    stderr: result.stderr,
    sent: calls.map((c) => {
      const body = c.body as Record<string, unknown>;
      return { model: body.model, effort: effortOf(body) };
    }),
  };
}

beforeAll(async () => {
  ctx = await createE2eContext();
  await ctx.login('john@example.com', 'pro');
});
afterAll(async () => {
  await ctx?.close();
});
beforeEach(() => {
  seen = responsesCalls(ctx.emu).length;
});

describe("with a fresh home's defaults (the live list's flagship gpt-5.6-sol, up to ultra; haiku gpt-5.6-luna, up to max)", () => {
  test('the default slot asks for xhigh, which the flagship takes as is', async () => {
    const { sent } = await run([]);
    expect(sent).toEqual([{ model: 'gpt-5.6-sol', effort: 'xhigh' }]);
  });

  test('--effort max reaches a model that lists it', async () => {
    const { sent, stderr } = await run(['--effort', 'max']);
    expect(sent).toEqual([{ model: 'gpt-5.6-sol', effort: 'max' }]);
    expect(stderr).not.toContain('capped');
  });

  test('--effort ultra is capped on the haiku model (max), with a one-line notice', async () => {
    const { sent, stderr } = await run(['--effort', 'ultra', '--model', 'haiku']);
    expect(sent).toEqual([{ model: 'gpt-5.6-luna', effort: 'max' }]);
    const notices = stderr.split('\n').filter((l) => l.includes('capped'));
    expect(notices).toEqual([
      "notice reasoning.effort ultra capped to max for gpt-5.6-luna, the model's maximum",
    ]);
  });
});

describe('with a model per slot', () => {
  beforeAll(() => {
    writeSettings(ctx.sandbox, {
      env: {
        ANTHROPIC_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.5',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.3-codex-spark',
      },
    });
  });

  test('default slot: xhigh', async () => {
    expect((await run([])).sent).toEqual([{ model: 'gpt-5.6-terra', effort: 'xhigh' }]);
  });

  test('sonnet slot: high', async () => {
    expect((await run(['--model', 'sonnet'])).sent).toEqual([{ model: 'gpt-5.5', effort: 'high' }]);
  });

  test('haiku slot: medium, and spark gets no reasoning.summary (it would be a 400)', async () => {
    const before = responsesCalls(ctx.emu).length;
    expect((await run(['--model', 'haiku'])).sent).toEqual([
      { model: 'gpt-5.3-codex-spark', effort: 'medium' },
    ]);
    const body = responsesCalls(ctx.emu)[before]!.body as { reasoning: Record<string, unknown> };
    expect(body.reasoning).not.toHaveProperty('summary');
  });

  test('--effort wins over the slot default, for every slot, capped where the model stops', async () => {
    expect((await run(['--effort', 'low'])).sent).toEqual([{ model: 'gpt-5.6-terra', effort: 'low' }]);
    expect((await run(['--effort', 'max', '--model', 'haiku'])).sent).toEqual([
      { model: 'gpt-5.3-codex-spark', effort: 'xhigh' },
    ]);
    expect((await run(['--effort', 'max', '--model', 'sonnet'])).sent).toEqual([
      { model: 'gpt-5.5', effort: 'xhigh' },
    ]);
  });
});

describe('with an effort suffix on the model (gpt-5.6-terra-medium)', () => {
  beforeAll(() => {
    writeSettings(ctx.sandbox, { env: { ANTHROPIC_MODEL: 'gpt-5.6-terra-medium' } });
  });

  test('the suffix pins the effort and is not sent as part of the model name', async () => {
    expect((await run([])).sent).toEqual([{ model: 'gpt-5.6-terra', effort: 'medium' }]);
  });

  test('--effort still wins over the suffix', async () => {
    expect((await run(['--effort', 'ultra'])).sent).toEqual([{ model: 'gpt-5.6-terra', effort: 'ultra' }]);
  });
});

describe('with a default effort in the settings file (CCS_CODEX_EFFORT, as ccs codex --config writes it)', () => {
  beforeAll(() => {
    writeSettings(ctx.sandbox, {
      env: {
        ANTHROPIC_MODEL: 'gpt-5.6-terra',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.6-luna',
        CCS_CODEX_EFFORT: 'medium',
      },
    });
  });

  test('it replaces the slot defaults', async () => {
    expect((await run([])).sent).toEqual([{ model: 'gpt-5.6-terra', effort: 'medium' }]);
    expect((await run(['--model', 'haiku'])).sent).toEqual([{ model: 'gpt-5.6-luna', effort: 'medium' }]);
  });

  test('--effort still wins for this run', async () => {
    expect((await run(['--effort', 'xhigh'])).sent).toEqual([{ model: 'gpt-5.6-terra', effort: 'xhigh' }]);
  });
});
