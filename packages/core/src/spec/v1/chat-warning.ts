/**
 * Something a provider or policy could not do as asked; the request still goes (in the style of the
 * Vercel AI SDK's call warnings). ccs shows these in the `--verbose` trace, so nothing a client asked for
 * is dropped unsaid.
 *
 * - `unsupported-setting`: a request setting the upstream cannot take was left out. `setting` names it as
 *   the neutral `ChatRequest` field (`maxOutputTokens`, `fast`, `webSearch.maxUses`) or, for settings the
 *   neutral request has no field for, as the client sent it (`temperature`); `details` says why, briefly.
 * - `other`: anything else worth a line in the trace.
 *
 * Producers may still return plain strings (spec v1 began with `string[]`); ccs reads a string as
 * `{ type: 'other', message }`.
 */
export type ChatWarning =
  | { type: 'unsupported-setting'; setting: string; details?: string }
  | { type: 'other'; message: string };
