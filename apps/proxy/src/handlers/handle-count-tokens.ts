import type { IncomingMessage, ServerResponse } from 'node:http';
import { estimateInputTokens } from '../anthropic/estimate-tokens.js';
import { sendJson } from '../server/http-utils.js';
import { parseMessagesBody } from './handle-messages.js';

/** A local estimate, no upstream call and no tokenizer: Claude Code asks often and on big bodies. */
export function handleCountTokens(req: IncomingMessage, res: ServerResponse, body: string): void {
  const decoded = parseMessagesBody(body, req);
  sendJson(res, 200, { input_tokens: estimateInputTokens(decoded) });
}
