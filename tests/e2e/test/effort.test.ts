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

describe('with the default settings (gpt-5-codex, max effort high)', () => {
  test('the default slot asks for xhigh, which is capped to the model maximum', async () => {
    const { sent } = await run([]);
    expect(sent).toEqual([{ model: 'gpt-5-codex', effort: 'high' }]);
  });

  test('--effort xhigh above the model maximum is capped, with a one-line notice', async () => {
    const { sent, stderr } = await run(['--effort', 'xhigh']);
    expect(sent).toEqual([{ model: 'gpt-5-codex', effort: 'high' }]);
    const notice = stderr
      .split('\n')
      .filter((l) => /xhigh/.test(l) && /\bhigh\b/.test(l.replace(/xhigh/g, '')));
    expect(notice.length, `stderr:\n${stderr}`).toBeGreaterThanOrEqual(1);
  });
});

describe('with a model per slot (paid account)', () => {
  beforeAll(() => {
    writeSettings(ctx.sandbox, {
      env: {
        ANTHROPIC_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5.3-codex',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5.2-codex',
      },
    });
  });

  test('default slot: xhigh', async () => {
    expect((await run([])).sent).toEqual([{ model: 'gpt-5.4', effort: 'xhigh' }]);
  });

  test('sonnet slot: high', async () => {
    expect((await run(['--model', 'sonnet'])).sent).toEqual([{ model: 'gpt-5.3-codex', effort: 'high' }]);
  });

  test('haiku slot: medium', async () => {
    expect((await run(['--model', 'haiku'])).sent).toEqual([{ model: 'gpt-5.2-codex', effort: 'medium' }]);
  });

  test('--effort wins over the slot default, for every slot', async () => {
    expect((await run(['--effort', 'low'])).sent).toEqual([{ model: 'gpt-5.4', effort: 'low' }]);
    expect((await run(['--thinking', 'medium', '--model', 'haiku'])).sent).toEqual([
      { model: 'gpt-5.2-codex', effort: 'medium' },
    ]);
    expect((await run(['--effort', 'xhigh', '--model', 'sonnet'])).sent).toEqual([
      { model: 'gpt-5.3-codex', effort: 'xhigh' },
    ]);
  });
});

describe('with an effort suffix on the model', () => {
  beforeAll(() => {
    writeSettings(ctx.sandbox, { env: { ANTHROPIC_MODEL: 'gpt-5.3-codex-medium' } });
  });

  test('the suffix pins the effort and is not sent as part of the model name', async () => {
    expect((await run([])).sent).toEqual([{ model: 'gpt-5.3-codex', effort: 'medium' }]);
  });

  test('--effort still wins over the suffix', async () => {
    expect((await run(['--effort', 'high'])).sent).toEqual([{ model: 'gpt-5.3-codex', effort: 'high' }]);
  });
});

describe('with a default effort in the settings file (CCS_CODEX_EFFORT, as ccs codex --config writes it)', () => {
  beforeAll(() => {
    writeSettings(ctx.sandbox, {
      env: {
        ANTHROPIC_MODEL: 'gpt-5.4',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-codex-mini',
        CCS_CODEX_EFFORT: 'medium',
      },
    });
  });

  test('it replaces the slot defaults', async () => {
    expect((await run([])).sent).toEqual([{ model: 'gpt-5.4', effort: 'medium' }]);
    expect((await run(['--model', 'haiku'])).sent).toEqual([{ model: 'gpt-5-codex-mini', effort: 'medium' }]);
  });

  test('--effort still wins for this run', async () => {
    expect((await run(['--effort', 'xhigh'])).sent).toEqual([{ model: 'gpt-5.4', effort: 'xhigh' }]);
  });
});
