import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact-secrets.js';

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const JWT = `${b64url({ alg: 'RS256', kid: 'k1' })}.${b64url({ sub: 'user-1', exp: 1 })}.SiGnAtUrE_-abc123`;
const RT = 'rt_AbC123dEf456GhI789';
const CODE = 'ac_Z9y8X7w6V5u4T3s2';

/** Every secret in `secrets` is gone from the redacted text, and the text says [REDACTED]. */
function expectMasked(input: string, secrets: string[]) {
  const out = redactSecrets(input);
  for (const secret of secrets) expect(out, `"${secret}" leaked in: ${out}`).not.toContain(secret);
  expect(out).toContain(REDACTED);
  return out;
}

describe('redactSecrets', () => {
  it('masks bearer tokens but keeps the scheme', () => {
    expect(redactSecrets('Authorization: Bearer abc.DEF-123_~+/=')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactSecrets('authorization: bearer xyz')).toBe(`authorization: bearer ${REDACTED}`);
  });

  it('masks basic credentials', () => {
    expectMasked('Authorization: Basic dXNlcjpwYXNzd29yZA==', ['dXNlcjpwYXNzd29yZA']);
    expect(redactSecrets('Basic usage of the CLI')).toBe('Basic usage of the CLI');
  });

  it('masks bare JWTs anywhere, including JWEs with five segments', () => {
    expect(redactSecrets(`token was ${JWT}, done`)).toBe(`token was ${REDACTED}, done`);
    expectMasked(`x ${JWT}.part4.part5 y`, ['part4', 'part5', 'SiGnAtUrE']);
  });

  it('masks token fields in JSON, whatever their spelling', () => {
    const body = JSON.stringify({
      access_token: JWT,
      refresh_token: RT,
      id_token: JWT,
      accessToken: 'opaque-access-1',
      refreshToken: 'opaque-refresh-1',
      api_key: 'k-123456',
      OPENAI_API_KEY: 'sk-x',
      client_secret: 'shh-1',
      code_verifier: 'verifier-abc-123',
      state: 'state-xyz-987',
      code: CODE,
      token: 'tok-1',
      password: 'hunter2',
      device_auth_id: 'dev-abc-1',
    });
    const out = expectMasked(body, [
      JWT,
      RT,
      'opaque-access-1',
      'opaque-refresh-1',
      'k-123456',
      'sk-x',
      'shh-1',
      'verifier-abc-123',
      'state-xyz-987',
      CODE,
      'tok-1',
      'hunter2',
      'dev-abc-1',
    ]);
    // Still valid JSON with the same keys.
    expect(Object.keys(JSON.parse(out))).toEqual(Object.keys(JSON.parse(body)));
  });

  it('masks pretty-printed JSON and JSON embedded in a JSON string', () => {
    expectMasked(JSON.stringify({ refresh_token: RT }, null, 2), [RT]);
    const nested = JSON.stringify({ body: JSON.stringify({ refresh_token: RT, ok: true }) });
    const out = expectMasked(nested, [RT]);
    expect(JSON.parse(JSON.parse(out).body)).toEqual({ refresh_token: REDACTED, ok: true });
  });

  it('keeps the useful, non-secret parts of an OAuth/API error body', () => {
    const body = JSON.stringify({
      error: { code: 'refresh_token_reused', message: 'Your refresh token has already been used' },
      token_type: 'Bearer',
      expires_in: 3600,
      usage: { input_tokens: 12, max_output_tokens: 100 },
    });
    expect(redactSecrets(body)).toBe(body);
    expect(redactSecrets('{"error":"invalid_grant","code":"usage_limit_reached"}')).toBe(
      '{"error":"invalid_grant","code":"usage_limit_reached"}',
    );
  });

  it('masks query-string and form values', () => {
    const url = `http://localhost:1455/auth/callback?code=${CODE}&scope=openid&state=S7aTe-99`;
    const out = expectMasked(url, [CODE, 'S7aTe-99']);
    expect(out).toBe(`http://localhost:1455/auth/callback?code=${REDACTED}&scope=openid&state=${REDACTED}`);
    const form = `grant_type=authorization_code&code=${CODE}&redirect_uri=http%3A%2F%2Flocalhost&code_verifier=v3r1f13r_abc&client_id=app_1`;
    const formOut = expectMasked(form, [CODE, 'v3r1f13r_abc']);
    expect(formOut).toContain('grant_type=authorization_code');
    expect(formOut).toContain('client_id=app_1');
    expectMasked(`grant_type=refresh_token&refresh_token=${RT}`, [RT]);
  });

  it('masks name: value and NAME=value lines (headers, YAML, env)', () => {
    expectMasked('x-api-key: abcdef123456', ['abcdef123456']);
    expectMasked('OPENAI_API_KEY=abcdef123456\n', ['abcdef123456']);
    expectMasked('refresh_token: zzz-top-secret', ['zzz-top-secret']);
    expectMasked('token: Bearer abc123', ['abc123']);
  });

  it('masks ccs and OpenAI/Anthropic API keys but not package names', () => {
    expectMasked('ANTHROPIC_AUTH_TOKEN is ccs-Q2x9fK3mV8pL1rT7wZ4c', ['Q2x9fK3mV8pL1rT7wZ4c']);
    expectMasked('key sk-proj-AbCdEfGhIjKlMnOpQrStUv and sk-ant-api03-abcdefghijklmnop1', [
      'AbCdEfGhIjKlMnOpQrStUv',
      'api03-abcdefghijklmnop1',
    ]);
    expect(redactSecrets('installed ccs-provider-openrouter and @acme/ccs-x')).toBe(
      'installed ccs-provider-openrouter and @acme/ccs-x',
    );
  });

  it('leaves ordinary text, model names and URLs alone', () => {
    const text =
      'POST https://chatgpt.com/backend-api/codex/responses model=gpt-5.3-codex effort=high ' +
      'took 1234 ms; error_code: rate_limited; see auth.openai.com';
    expect(redactSecrets(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = redactSecrets(
      `Bearer x ${JWT} {"refresh_token":"${RT}"} ?code=${CODE}&state=s1 ccs-Q2x9fK3mV8pL1rT7wZ4c token: Bearer q`,
    );
    expect(redactSecrets(once)).toBe(once);
  });

  it('handles empty and non-string input without throwing', () => {
    expect(redactSecrets('')).toBe('');
    expect(redactSecrets(undefined as unknown as string)).toBeUndefined();
  });
});
