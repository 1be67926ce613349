import { createHash } from 'node:crypto';
import type { ChatRequest } from '@ccs/core';
import type { BoundChatRequest } from './map-chat-request.js';

// A fixed namespace so the derived ids are ours and stable across releases.
const NAMESPACE = 'ccs:codex:prompt-cache:v1';

/** Formats the first 16 bytes of a SHA-1 digest as a version-5 UUID (RFC 4122 layout). */
function uuidV5Like(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update('\0').update(name).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function firstUserText(request: ChatRequest): string {
  for (const message of request.messages) {
    if (message.role !== 'user') continue;
    for (const part of message.content) if (part.type === 'text') return part.text.slice(0, 2048);
    return '';
  }
  return '';
}

/**
 * The `prompt_cache_key` and `session-id` header of a request. The backend's prompt cache is keyed
 * (and, reportedly, sharded) by these, so they must be stable for a whole Claude Code session and
 * never random per request. Without a session id the conversation's start stands in for it: it is
 * the same in every request of that conversation.
 */
export function codexSessionKey(request: BoundChatRequest): string {
  const agent = request.metadata.agentId ?? 'main';
  const session = request.metadata.sessionId;
  if (session) return uuidV5Like(`claude:${session}:agent:${agent}\0${request.modelId}`);
  const system = request.system.join('\n').slice(0, 4096);
  return uuidV5Like(`derived:${agent}\0${request.modelId}\0${system}\0${firstUserText(request)}`);
}
