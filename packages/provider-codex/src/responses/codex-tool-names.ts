import { createHash } from 'node:crypto';

/** The Responses API rejects tool names and call ids longer than this. */
export const CODEX_MAX_NAME_LENGTH = 64;

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/**
 * Shortens a call id deterministically (prefix + `_` + 16 hex of its SHA-256), so a tool_use id and
 * the tool_result that answers it map to the same value in every request of a conversation.
 */
export function shortenCallId(id: string): string {
  if (id.length <= CODEX_MAX_NAME_LENGTH) return id;
  return `${id.slice(0, CODEX_MAX_NAME_LENGTH - 17)}_${shortHash(id)}`;
}

/** Claude requires tool_use ids to match ^[a-zA-Z0-9_-]+$; upstream call ids are usually fine already. */
export function sanitizeToolUseId(id: string): string {
  const clean = /^[A-Za-z0-9_-]+$/.test(id) ? id : id.replace(/[^A-Za-z0-9_-]/g, '_');
  return shortenCallId(clean || 'call');
}

function baseShortName(name: string): string {
  if (name.length <= CODEX_MAX_NAME_LENGTH) return name;
  // MCP tools are named mcp__<server>__<tool>: the tool part is the meaningful bit.
  if (name.startsWith('mcp__')) {
    const last = name.slice(name.lastIndexOf('__') + 2);
    const candidate = `mcp__${last}`;
    if (candidate.length <= CODEX_MAX_NAME_LENGTH) return candidate;
    return candidate.slice(0, CODEX_MAX_NAME_LENGTH);
  }
  return name.slice(0, CODEX_MAX_NAME_LENGTH);
}

/** Request-scoped two-way map between client tool names and the names sent upstream. */
export interface ToolNameMap {
  toUpstream(name: string): string;
  fromUpstream(name: string): string;
}

/** Builds the map from the request's tool list; names that collide after shortening get _1, _2 … */
export function createToolNameMap(names: readonly string[]): ToolNameMap {
  const forward = new Map<string, string>();
  const reverse = new Map<string, string>();
  const taken = new Set<string>(names.filter((n) => n.length <= CODEX_MAX_NAME_LENGTH));
  for (const name of names) {
    if (forward.has(name)) continue;
    let short = name;
    if (name.length > CODEX_MAX_NAME_LENGTH) {
      const base = baseShortName(name);
      short = base;
      for (let i = 1; taken.has(short); i++) {
        const suffix = `_${i}`;
        short = base.slice(0, CODEX_MAX_NAME_LENGTH - suffix.length) + suffix;
      }
      taken.add(short);
    }
    forward.set(name, short);
    reverse.set(short, name);
  }
  return {
    toUpstream: (name) => forward.get(name) ?? baseShortName(name),
    fromUpstream: (name) => reverse.get(name) ?? name,
  };
}
