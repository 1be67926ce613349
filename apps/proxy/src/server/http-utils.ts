import type { IncomingMessage, ServerResponse } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { CcsError } from '@ccs/core';
import { toAnthropicError } from '../anthropic/anthropic-error.js';

/** Feeds the body's chunks to `onChunk`, refusing more than `limit` bytes with a 413 (the rest is not read). */
function readChunks(req: IncomingMessage, limit: number, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      onChunk(chunk);
    });
    req.on('end', () => resolve());
    req.on('error', reject);
  });
}

/** Reads the whole body, refusing more than `limit` bytes with a 413 (the rest is not read). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await readChunks(req, limit, (chunk) => chunks.push(chunk));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * Reads the whole body as UTF-8 text, decoding each chunk as it arrives, with the limit of readBody.
 * Faster than decoding the joined bytes at the end, besides overlapping the network wait: a chunk of
 * plain ASCII becomes a one-byte string, where decoding the whole body at once makes every character
 * two bytes as soon as one character anywhere needs it (Claude Code's own prompt has a few) — measured
 * on a ~1 MB body, decoding took 1.8 ms whole against 0.1 ms by chunk, and decode + JSON.parse 4.0–4.4
 * ms against 2.7–3.3 ms. A character split across chunks is held back until its last byte arrives.
 */
export async function readBodyText(req: IncomingMessage, limit: number): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  await readChunks(req, limit, (chunk) => {
    text += decoder.write(chunk);
  });
  return text + decoder.end();
}

function tooLarge(limit: number): CcsError {
  return new CcsError(
    'INVALID_REQUEST',
    `The request body is larger than ${Math.round(limit / 1048576)} MiB.`,
    {
      status: 413,
    },
  );
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answers with the Anthropic error envelope (status, retry-after) for any error. */
export function sendError(
  res: ServerResponse,
  error: unknown,
  options: { clientKey?: boolean } = {},
): number {
  const mapped = toAnthropicError(error, options);
  if (res.headersSent) {
    res.end();
    return mapped.status;
  }
  sendJson(res, mapped.status, mapped.body, mapped.headers);
  return mapped.status;
}
