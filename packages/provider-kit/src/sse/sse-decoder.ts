import { StringDecoder } from 'node:string_decoder';
import { CcsError } from '@ccs/core';

/** One dispatched server-sent event. `event` is absent for the default type ("message"). */
export interface SseEvent {
  event?: string;
  data: string;
  /** The last event ID seen on this stream (it persists across events, as in the WHATWG spec). */
  id?: string;
}

export interface SseDecoder {
  /** Feeds bytes (any split, even inside a UTF-8 character) and returns the events they completed. */
  push(chunk: Uint8Array | string): SseEvent[];
  /**
   * Ends the stream. Per the WHATWG rules an event not terminated by a blank line is DISCARDED:
   * a connection that drops mid-event must not yield half a JSON payload.
   */
  end(): SseEvent[];
}

const LF = 10;
const CR = 13;
const SPACE = 32;

/**
 * Incremental, synchronous SSE decoder (WHATWG "event stream interpretation"). It sits on the
 * streaming hot path, so it decodes each chunk once with a streaming TextDecoder and slices whole
 * lines out of the text: no per-byte work in JavaScript, no per-character concatenation.
 */
export interface SseDecoderOptions {
  /**
   * Largest event (or unterminated line) held in memory, in characters (default 16 Mi). A stream that
   * sends more without a line break is refused rather than buffered until memory runs out.
   */
  maxEventChars?: number;
}

export const DEFAULT_MAX_SSE_EVENT_CHARS = 16 * 1024 * 1024;

function oversized(max: number): CcsError {
  return new CcsError(
    'UPSTREAM_ERROR',
    `The upstream sent a server-sent event larger than ${Math.round(max / 1048576)} MiB; the stream was stopped.`,
    { suggestion: 'Retry the request; if it keeps happening, the upstream is misbehaving.' },
  );
}

export function createSseDecoder({
  maxEventChars = DEFAULT_MAX_SSE_EVENT_CHARS,
}: SseDecoderOptions = {}): SseDecoder {
  // StringDecoder holds back a split multi-byte character, like a streaming TextDecoder, at a third of
  // its cost per chunk (measured: 0.05 µs against 0.18 µs for a 200-byte event). The BOM a TextDecoder
  // would strip is stripped below.
  const decoder = new StringDecoder('utf8');
  let atStart = true;
  // The unterminated tail of the stream, in the chunks it arrived in.
  let pending: string[] = [];
  let pendingLength = 0;
  // A chunk ended right after a CR: a LF at the start of the next chunk belongs to that line break.
  let skipLeadingLf = false;
  let data: string | undefined;
  let eventType = '';
  let lastEventId = '';
  let out: SseEvent[] = [];

  function dispatch(): void {
    if (data !== undefined) {
      const event: SseEvent = { data };
      if (eventType !== '') event.event = eventType;
      if (lastEventId !== '') event.id = lastEventId;
      out.push(event);
    }
    data = undefined;
    eventType = '';
  }

  function processLine(line: string): void {
    if (line.length === 0) {
      dispatch();
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) return; // comment (": keep-alive")
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      const start = line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1;
      value = line.slice(start);
    }
    switch (field) {
      case 'data':
        data = data === undefined ? value : data + '\n' + value;
        if (data.length > maxEventChars) throw oversized(maxEventChars);
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      default:
        // `retry` and unknown fields are ignored (we do not reconnect).
        break;
    }
  }

  function processText(text: string): void {
    if (text.length === 0) return;
    let pos = 0;
    if (skipLeadingLf) {
      skipLeadingLf = false;
      if (text.charCodeAt(0) === LF) pos = 1;
    }
    const fresh = pos === 0 ? text : text.slice(pos);
    // A long line arriving in many chunks is collected in parts and joined once its end arrives:
    // concatenating and searching the growing string on every chunk would be quadratic.
    if (fresh.indexOf('\n') === -1 && fresh.indexOf('\r') === -1) {
      pending.push(fresh);
      pendingLength += fresh.length;
      if (pendingLength > maxEventChars) throw oversized(maxEventChars);
      return;
    }
    // The carried-over remainder holds no line break, so searching starts at the new text.
    const scanFrom = pendingLength;
    pending.push(fresh);
    const text2 = pending.length === 1 ? fresh : pending.join('');
    pending = [];
    pendingLength = 0;
    let start = 0;
    let lf = text2.indexOf('\n', scanFrom);
    let cr = text2.indexOf('\r', scanFrom);
    for (;;) {
      if (lf !== -1 && lf < start) lf = text2.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text2.indexOf('\r', start);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) break;
      processLine(text2.slice(start, end));
      if (text2.charCodeAt(end) === CR) {
        if (end + 1 === text2.length) {
          skipLeadingLf = true;
          start = end + 1;
        } else {
          start = text2.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        }
      } else {
        start = end + 1;
      }
    }
    if (start < text2.length) {
      pending = [text2.slice(start)];
      pendingLength = text2.length - start;
      if (pendingLength > maxEventChars) throw oversized(maxEventChars);
    }
  }

  /** The stream's first character, if it is a byte order mark, is not part of the first line. */
  function withoutBom(text: string): string {
    if (!atStart || text.length === 0) return text;
    atStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  function take(): SseEvent[] {
    const events = out;
    out = [];
    return events;
  }

  return {
    push(chunk) {
      processText(withoutBom(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
      return take();
    },
    end() {
      processText(withoutBom(decoder.end()));
      // Whatever was not closed by a blank line (a partial line, a partial event) is dropped.
      pending = [];
      pendingLength = 0;
      skipLeadingLf = false;
      data = undefined;
      eventType = '';
      return take();
    },
  };
}
