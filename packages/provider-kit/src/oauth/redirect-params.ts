/** What an OAuth redirect carries back to the client. */
export interface RedirectParams {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

const MAX_ERROR_TEXT = 300;

/**
 * Error text in a redirect comes from whoever sent the browser here and ends up in a terminal:
 * control characters (escape sequences could retitle or clear the screen) are dropped and the
 * length is capped.
 */
export function sanitizeOAuthErrorText(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return clean.length > MAX_ERROR_TEXT ? `${clean.slice(0, MAX_ERROR_TEXT - 1)}…` : clean;
}

function fromSearchParams(params: URLSearchParams): RedirectParams {
  const pick = (name: string) => {
    const value = params.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const pickText = (name: string) => {
    const value = pick(name);
    return value === undefined ? undefined : sanitizeOAuthErrorText(value) || undefined;
  };
  return {
    code: pick('code'),
    state: pick('state'),
    error: pickText('error'),
    errorDescription: pickText('error_description'),
  };
}

/** The redirect parameters of an incoming callback request's URL (`/auth/callback?code=…&state=…`). */
export function redirectParamsFromUrl(url: URL): RedirectParams {
  return fromSearchParams(url.searchParams);
}

/**
 * Parses what a user pastes after signing in on another machine: the full redirect URL
 * (`http://localhost:1455/auth/callback?code=…&state=…`), the same without scheme, a bare query string
 * (`?code=…&state=…` or `code=…&state=…`), or parameters in the fragment. Returns undefined when the text
 * carries neither a code nor an error.
 */
export function parseRedirectUrl(text: string): RedirectParams | undefined {
  const trimmed = text.trim().replace(/^['"<]+|['">]+$/g, '');
  if (trimmed === '') return undefined;
  let query = trimmed;
  const q = trimmed.indexOf('?');
  if (q !== -1) query = trimmed.slice(q + 1);
  else if (!/^[\w.-]+=/.test(trimmed)) {
    const hash = trimmed.indexOf('#');
    if (hash === -1) return undefined;
    query = trimmed.slice(hash + 1);
  }
  // Parameters may sit in the query or the fragment; both are merged, the query first.
  const [search = '', fragment = ''] = query.split('#', 2);
  const params = new URLSearchParams(search);
  for (const [key, value] of new URLSearchParams(fragment)) if (!params.has(key)) params.set(key, value);
  const result = fromSearchParams(params);
  if (result.code === undefined && result.error === undefined) return undefined;
  return result;
}
