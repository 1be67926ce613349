import { createHash, randomBytes } from 'node:crypto';
import type { Emulator } from '../src/index.js';

export const CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const REDIRECT = 'http://localhost:1455/auth/callback';

export function pkce() {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(emu: Emulator, over: Record<string, string | undefined> = {}) {
  const p = pkce();
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    scope: 'openid profile email offline_access api.connectors.read api.connectors.invoke',
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    id_token_add_organizations: 'true',
    codex_cli_simplified_flow: 'true',
    state: 'st_123',
    originator: 'ccs',
    ...over,
  };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return { url: `${emu.issuer}/oauth/authorize?${q}`, verifier: p.verifier };
}

export async function authorize(emu: Emulator, over: Record<string, string | undefined> = {}) {
  const { url, verifier } = authorizeUrl(emu, over);
  const res = await fetch(url, { redirect: 'manual' });
  return { res, verifier, location: res.headers.get('location') };
}

export function exchangeCode(emu: Emulator, fields: Record<string, string>) {
  return fetch(`${emu.issuer}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT_ID, ...fields }),
  });
}

export interface TokenBody {
  id_token: string;
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/** Runs the browser flow end to end and returns the token response. */
export async function signIn(emu: Emulator): Promise<TokenBody> {
  const { location, verifier } = await authorize(emu);
  const code = new URL(location!).searchParams.get('code')!;
  const res = await exchangeCode(emu, { code, redirect_uri: REDIRECT, code_verifier: verifier });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as TokenBody;
}

export function refresh(emu: Emulator, refreshToken: string) {
  return fetch(`${emu.issuer}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
}

export const baseBody = (over: Record<string, unknown> = {}) => ({
  model: 'gpt-5.5',
  instructions: '',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
  tools: [],
  tool_choice: 'auto',
  parallel_tool_calls: false,
  reasoning: { effort: 'medium', summary: 'auto' },
  store: false,
  stream: true,
  include: ['reasoning.encrypted_content'],
  prompt_cache_key: 'thread-1',
  ...over,
});

export function postResponses(
  emu: Emulator,
  auth: { accessToken: string; accountId: string },
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${emu.baseUrl}/codex/responses`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${auth.accessToken}`,
      'chatgpt-account-id': auth.accountId,
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface ParsedEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: test access to arbitrary event fields
  data: Record<string, any>;
}

/** Parses an SSE body into events, checking each `event:` name matches its data `type`. */
export function parseSse(text: string): ParsedEvent[] {
  const out: ParsedEvent[] = [];
  for (const block of text.split('\n\n')) {
    if (!block.trim()) continue;
    let event = '';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    out.push({ event, data: JSON.parse(data) });
  }
  return out;
}

export async function streamEvents(res: Response): Promise<ParsedEvent[]> {
  return parseSse(await res.text());
}

/** Untyped JSON for assertions on response bodies. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields of JSON bodies
export type Loose = any;
