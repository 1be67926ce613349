/** What an HTTP error body says, before a provider reads its own error fields out of `error`. */
export interface ErrorBody {
  /** The error object (`{error:{…}}`, or FastAPI's `{detail:{…}}`), for the provider's own schema. */
  error?: unknown;
  /** A plain message: `{error:"…"}`, `{detail:"…"}`, `{message:"…"}`, or an excerpt of a non-JSON body. */
  message?: string;
}

/**
 * Reads an upstream error body as OpenAI-style backends send it: JSON `{error}` (object or string),
 * `{detail}` (string or object), `{message}`, or text such as a proxy's or Cloudflare's HTML page, of
 * which a short tag-free excerpt is kept. Never throws.
 */
export function readErrorBody(text: string): ErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const plain = text
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200);
    return plain ? { message: plain } : {};
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return {};
  const { error, detail, message } = json as Record<string, unknown>;
  if (error !== null && typeof error === 'object') return { error };
  if (typeof error === 'string') return { message: error };
  if (typeof detail === 'string') return { message: detail };
  if (detail !== null && typeof detail === 'object') return { error: detail };
  return typeof message === 'string' ? { message } : {};
}
