/** What a masked secret is replaced with. Short, greppable, and never mistaken for a real value. */
export const REDACTED = '[REDACTED]';

// Names whose values are secrets wherever they appear (JSON keys, query/form params, "name: value").
// Matched case-insensitively, with `_`/`-` or camelCase, and with any prefix (openai_api_key).
const SECRET_NAME =
  '[A-Za-z0-9_-]*?(?:access[_-]?token|refresh[_-]?token|id[_-]?token|session[_-]?token|auth[_-]?token|' +
  'api[_-]?key|client[_-]?secret|password|secret|code[_-]?verifier|device[_-]?auth[_-]?id|device[_-]?code|' +
  'authorization[_-]?code)|code|state|token';

// An OAuth error code ("invalid_grant", "refresh_token_reused") is useful in logs and is not a
// secret; an authorization code is random. Keep `code` values that look like such identifiers.
const ERROR_CODE_LIKE = /^[a-z]+(?:[_.][a-z]+)*$/;

const rules: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  // Authorization schemes, first, so "token: Bearer x" cannot leave x behind.
  [/\b(Bearer)(\s+)[A-Za-z0-9._~+/=-]+/gi, (_w, scheme, space) => `${scheme}${space}${REDACTED}`],
  [/\b(Basic)(\s+)[A-Za-z0-9+/=]{8,}/gi, (_w, scheme, space) => `${scheme}${space}${REDACTED}`],
  // "key": "value" in JSON, also when that JSON is itself inside a JSON string (\"key\":\"value\").
  [
    new RegExp(`((\\\\?)"(${SECRET_NAME})\\\\?"\\s*:\\s*\\\\?")([^"\\\\]*)`, 'gi'),
    (whole, prefix, _bs, name, value) => keepOrMask(whole, prefix!, name!, value!),
  ],
  // key=value in query strings, form bodies, env lines; key: value in headers and YAML.
  [
    new RegExp(`(^|[^A-Za-z0-9_-])(${SECRET_NAME})(\\s*[:=]\\s*)([^\\s&;,"'<>#]+)`, 'gim'),
    (whole, lead, name, sep, value) => keepOrMask(whole, lead! + name! + sep!, name!, value!),
  ],
  // JWTs (and JWEs): a base64url JSON header always starts with "eyJ" ('{"').
  [/\beyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2,4}/g, REDACTED],
  // API keys with well-known prefixes. Random ccs keys have digits or capitals; lowercase words
  // (`ccs-provider-openrouter`) are package names and stay readable.
  [/\bccs-[A-Za-z0-9_-]{16,}/g, (key) => (/[0-9A-Z]/.test(key.slice(4)) ? `ccs-${REDACTED}` : key)],
  [/\bsk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}/g, `sk-${REDACTED}`],
];

function keepOrMask(whole: string, prefix: string, name: string, value: string): string {
  if (value === '' || value === REDACTED) return whole;
  if (name.toLowerCase() === 'code' && ERROR_CODE_LIKE.test(value)) return whole;
  return prefix + REDACTED;
}

/**
 * Masks secrets in free text (log lines, error bodies, URLs, traces): bearer/basic credentials,
 * JWTs, token/key/code/state values in JSON, query strings, form bodies and "name: value" lines,
 * and `ccs-`/`sk-` API keys. Idempotent. Errs on the side of masking too much.
 */
export function redactSecrets(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return text;
  let out = text;
  for (const [pattern, replacement] of rules) {
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return out;
}
