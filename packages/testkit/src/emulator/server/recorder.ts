import { createHash } from 'node:crypto';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; secrets replaced by `[masked:<fingerprint>]`. */
  headers: Record<string, string>;
  /** Parsed JSON or form body with secret fields masked; raw text when neither parses; undefined when empty. */
  body: unknown;
  /** HTTP status sent, 0 until the response starts. */
  status: number;
  /** Epoch milliseconds when the request arrived. */
  at: number;
}

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'x-api-key', 'proxy-authorization']);
const SECRET_FIELDS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'code',
  'code_verifier',
  'authorization_code',
  'subject_token',
  'client_secret',
  'state',
  'device_auth_id',
  'user_code',
  'usercode',
  'api_key',
]);

/**
 * A stable, non-reversible stand-in for a secret so tests can still tell whether two requests carried the same
 * token (compare with `fingerprint(token)`), without the secret itself landing in assertion output or snapshots.
 */
export function fingerprint(secret: string): string {
  return `[masked:${createHash('sha256').update(secret).digest('hex').slice(0, 8)}]`;
}

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(k)) {
      out[k] = v;
      continue;
    }
    const m = /^(Bearer|Basic)\s+(.*)$/i.exec(v);
    out[k] = m ? `${m[1]} ${fingerprint(m[2]!)}` : fingerprint(v);
  }
  return out;
}

export function maskValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskValue);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_FIELDS.has(k) && typeof v === 'string' ? fingerprint(v) : maskValue(v);
  }
  return out;
}

export function maskQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = SECRET_FIELDS.has(k) ? fingerprint(v) : v;
  return out;
}

/** Keeps every request (bounded) for assertions. */
export class RequestRecorder {
  private entries: RecordedRequest[] = [];
  // Bounded so a long session with large bodies cannot exhaust memory; the oldest entries go first.
  constructor(private readonly limit = 2000) {}

  add(entry: RecordedRequest): RecordedRequest {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    return entry;
  }

  list(filter?: { path?: string; method?: string }): RecordedRequest[] {
    return this.entries
      .filter(
        (e) =>
          (filter?.path === undefined || e.path === filter.path || e.path.endsWith(filter.path)) &&
          (filter?.method === undefined || e.method === filter.method.toUpperCase()),
      )
      .map((e) => structuredClone(e));
  }

  clear(): void {
    this.entries = [];
  }
}
