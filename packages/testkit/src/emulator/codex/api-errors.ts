/** Error bodies in the exact shapes the Codex backend uses (research cliproxyapi.md §2.5, openai-codex.md §4). */

export class ApiRejection extends Error {
  constructor(
    readonly status: number,
    readonly body: object,
  ) {
    super(JSON.stringify(body));
  }
}

/** `{"detail": "..."}` — the backend's own validation layer. */
export const detail = (message: string, status = 400) => new ApiRejection(status, { detail: message });

/** `{"error": {message, type, param, code}}` — the Responses API validation layer. */
export const invalid = (message: string, param: string | null, code: string | null, status = 400) =>
  new ApiRejection(status, { error: { message, type: 'invalid_request_error', param, code } });

export const unsupportedParameter = (name: string) => detail(`Unsupported parameter: ${name}`);
export const unknownParameter = (param: string) =>
  invalid(`Unknown parameter: '${param}'.`, param, 'unknown_parameter');
export const missingParameter = (param: string) =>
  invalid(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');

const quoteList = (values: readonly string[]) => {
  const q = values.map((v) => `'${v}'`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')}, and ${q.at(-1)}` : (q[0] ?? '');
};

export const invalidValue = (value: unknown, param: string, supported: readonly string[]) =>
  invalid(
    `Invalid value: '${String(value)}'. Supported values are: ${quoteList(supported)}.`,
    param,
    'invalid_value',
  );

export const invalidType = (param: string, expected: string, value: unknown) => {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return invalid(
    `Invalid type for '${param}': expected ${expected}, but got ${got} instead.`,
    param,
    'invalid_type',
  );
};

export const tooLong = (param: string, max: number, length: number) =>
  invalid(
    `Invalid '${param}': string too long. Expected a string with maximum length ${max}, but got a string with length ${length} instead.`,
    param,
    'string_above_max_length',
  );

export const unsupportedEffort = (effort: string, model: string, supported: readonly string[]) =>
  invalid(
    `Unsupported value: '${effort}' is not supported with the '${model}' model. Supported values are: ${quoteList(supported)}.`,
    'reasoning.effort',
    'unsupported_value',
  );

export const modelNotSupported = (model: string) =>
  detail(`The '${model}' model is not supported when using Codex with a ChatGPT account.`);
