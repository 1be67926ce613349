import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from './closest-names.js';

describe('closestNames', () => {
  const models = ['gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna', 'gpt-5.5', 'gpt-5.3-codex-spark'];

  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('GPT-5.5', 'gpt-5.5')).toBe(0);
  });

  it('suggests the nearest names for a typo, nearest first', () => {
    expect(closestNames('gpt-5.6-sool', models)).toEqual(['gpt-5.6-sol', 'gpt-5.6-luna', 'gpt-5.6-terra']);
    expect(closestNames('gpt-5.9-typo', models, 1)).toEqual(['gpt-5.6-sol']);
  });

  it('returns at most the limit, and nothing without candidates', () => {
    expect(closestNames('ollama/llama3', models, 2)).toHaveLength(2);
    expect(closestNames('x', [])).toEqual([]);
  });
});
