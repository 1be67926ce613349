import { describe, expect, it } from 'vitest';
import { decodeAnthropicIntent } from '../src/anthropic/decode-anthropic-intent.js';
import { validateAnthropicRequest } from '../src/anthropic/validate-anthropic-request.js';

const ask = (extra: Record<string, unknown>) =>
  decodeAnthropicIntent(
    validateAnthropicRequest({
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
      ...extra,
    }),
  );

describe("the client's intent is read once from Claude's fields", () => {
  it("effort: Claude Code's default high is no wish, others are; thinking budgets map to levels", () => {
    expect(ask({ output_config: { effort: 'high' } })).toEqual({});
    expect(ask({ output_config: { effort: 'LOW' } })).toEqual({ effort: 'low' });
    expect(ask({ output_config: { effort: 'max' } })).toEqual({ effort: 'max' });
    expect(ask({ output_config: { effort: 'turbo' } })).toEqual({});
    expect(ask({ thinking: { type: 'enabled', budget_tokens: 2048 } })).toEqual({ effort: 'medium' });
    expect(ask({ thinking: { type: 'enabled', budget_tokens: 30_000 } })).toEqual({ effort: 'xhigh' });
    // An explicit output_config effort wins over the thinking budget.
    expect(
      ask({ output_config: { effort: 'low' }, thinking: { type: 'enabled', budget_tokens: 30_000 } }),
    ).toEqual({
      effort: 'low',
    });
  });

  it('thinking off means the least effort and no summaries; display "omitted" means no summaries', () => {
    expect(ask({ thinking: { type: 'disabled' } })).toEqual({ effort: 'low', reasoningSummary: 'none' });
    expect(ask({ thinking: { type: 'adaptive', display: 'omitted' } })).toEqual({ reasoningSummary: 'none' });
    expect(ask({ thinking: { type: 'adaptive' } })).toEqual({});
  });

  it('fast mode, and the sampling settings no provider receives', () => {
    expect(ask({ speed: 'fast' })).toEqual({ fast: true });
    expect(ask({ speed: 'standard' })).toEqual({});
    expect(ask({ temperature: 0.2, stop_sequences: ['END'] })).toEqual({
      warnings: [
        { type: 'unsupported-setting', setting: 'temperature' },
        { type: 'unsupported-setting', setting: 'stop_sequences' },
      ],
    });
  });
});
