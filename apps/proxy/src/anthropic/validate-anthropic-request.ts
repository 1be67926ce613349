import { CcsError } from '@ccs/core';
import type { z } from 'zod';
import { type AnthropicRequest, anthropicRequestSchema } from './anthropic-request-schema.js';

type Issue = z.core.$ZodIssue;
type Path = ReadonlyArray<PropertyKey>;

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const isTypeMismatch = (issue: Issue | undefined) =>
  issue !== undefined && issue.code === 'invalid_type' && issue.path.length === 0;

/**
 * The issue a person should read: zod reports "Invalid input" on a union (string | array of blocks);
 * the useful one is inside the branch whose type matched, e.g. `messages.0.content.2.type`.
 */
function innermost(issue: Issue, base: Path): { issue: Issue; path: Path } {
  const path = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  const matched = issue.errors.find((branch) => branch.length > 0 && !isTypeMismatch(branch[0]));
  if (matched?.[0]) return innermost(matched[0], path);
  const expected = issue.errors
    .map((branch) => (branch[0]?.code === 'invalid_type' ? branch[0].expected : undefined))
    .filter(Boolean);
  const synthetic = { ...issue, message: `expected ${[...new Set(expected)].join(' or ')}` } as Issue;
  return { issue: synthetic, path };
}

function describe(issue: Issue, path: Path, root: unknown): string {
  if (issue.code === 'invalid_union' && (issue as { note?: string }).note === 'No matching discriminator') {
    const key = String(path.at(-1));
    const value = valueAt(root, path);
    const expected = issue.message.replace(/^Invalid discriminator value\. Expected /, '');
    const what = value === undefined ? `${key} is missing` : `unknown ${key} ${JSON.stringify(value)}`;
    return `${what}; Anthropic accepts ${expected}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * Validates a parsed JSON body as an Anthropic Messages request in one pass (the zod schema, whose
 * refinement also checks tool-name uniqueness). Anything Anthropic would reject is an
 * `invalid_request_error` naming the JSON path, before any upstream request.
 */
export function validateAnthropicRequest(json: unknown): AnthropicRequest {
  const parsed = anthropicRequestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  if (!first) throw new CcsError('INVALID_REQUEST', 'The request is not a valid Anthropic Messages request.');
  const { issue, path } = innermost(first, []);
  const where = path.length > 0 ? path.map(String).join('.') : 'body';
  throw new CcsError('INVALID_REQUEST', `${where}: ${describe(issue, path, json)}.`);
}
