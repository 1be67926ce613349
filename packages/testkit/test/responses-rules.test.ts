import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { baseBody, type Loose, postResponses } from './helpers.js';

let emu: Emulator;
let auth: { accessToken: string; accountId: string };
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.control.reset();
  emu.control.addAccount({ email: 'plus@example.com', plan: 'plus' });
  auth = emu.control.issueTokens('plus@example.com');
});

const send = (body: unknown, a = auth) => postResponses(emu, a, body);
async function rejected(body: unknown) {
  const res = await send(body);
  return { status: res.status, body: (await res.json()) as Record<string, Loose> };
}

describe('POST /codex/responses authentication', () => {
  it('401 without a bearer token', async () => {
    const res = await fetch(`${emu.baseUrl}/codex/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'chatgpt-account-id': auth.accountId },
      body: JSON.stringify(baseBody()),
    });
    expect(res.status).toBe(401);
  });

  it('401 for a token the emulator never issued', async () => {
    const res = await send(baseBody(), { ...auth, accessToken: 'eyJhbGciOiJub25lIn0.e30.' });
    expect(res.status).toBe(401);
  });

  it('401 token_expired for an expired access token (ttl or expireAccessTokens)', async () => {
    emu.control.addAccount({ email: 'short@example.com', plan: 'plus', accessTokenTtlSeconds: 0 });
    const short = emu.control.issueTokens('short@example.com');
    const r1 = await send(baseBody(), short);
    expect(r1.status).toBe(401);
    expect(await r1.json()).toEqual({
      error: {
        message: 'Provided authentication token is expired. Please try signing in again.',
        type: null,
        code: 'token_expired',
        param: null,
      },
      status: 401,
    });
    expect((await send(baseBody())).status).toBe(200);
    emu.control.expireAccessTokens('plus@example.com');
    expect((await send(baseBody())).status).toBe(401);
    // A token issued afterwards (as a refresh would) works.
    expect((await send(baseBody(), emu.control.issueTokens('plus@example.com'))).status).toBe(200);
  });

  it('403 when ChatGPT-Account-ID is missing or belongs to another account', async () => {
    emu.control.addAccount({ email: 'other@example.com', plan: 'plus' });
    const other = emu.control.issueTokens('other@example.com');
    expect((await send(baseBody(), { ...auth, accountId: other.accountId })).status).toBe(403);
    const res = await fetch(`${emu.baseUrl}/codex/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(baseBody()),
    });
    expect(res.status).toBe(403);
  });
});

describe('POST /codex/responses body rules', () => {
  it('accepts a request without instructions, as the current Codex CLI sends', async () => {
    const { instructions: _drop, ...body } = baseBody();
    expect((await send(body)).status).toBe(200);
  });

  it('requires stream: true and store: false', async () => {
    expect(await rejected(baseBody({ stream: false }))).toEqual({
      status: 400,
      body: { detail: 'Stream must be set to true' },
    });
    expect(await rejected(baseBody({ store: true }))).toEqual({
      status: 400,
      body: { detail: 'Store must be set to false' },
    });
    const { store: _s, ...noStore } = baseBody();
    expect((await rejected(noStore)).status).toBe(400);
  });

  it.each([
    ['max_output_tokens', 1000],
    ['temperature', 0.2],
    ['top_p', 0.9],
    ['prompt_cache_retention', '24h'],
    ['user', 'u'],
    ['safety_identifier', 's'],
    ['previous_response_id', 'resp_1'],
    ['response_format', { type: 'json_object' }],
  ])('rejects %s with the real Unsupported parameter body', async (name, value) => {
    expect(await rejected(baseBody({ [name]: value }))).toEqual({
      status: 400,
      body: { detail: `Unsupported parameter: ${name}` },
    });
  });

  it('rejects unknown top-level fields such as Anthropic max_tokens', async () => {
    const r = await rejected(baseBody({ max_tokens: 100 }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      message: "Unknown parameter: 'max_tokens'.",
      code: 'unknown_parameter',
    });
  });

  it('rejects a non-string instructions', async () => {
    expect((await rejected(baseBody({ instructions: ['x'] }))).status).toBe(400);
  });

  it.each(['cache_control', 'defer_loading', 'input_schema'])(
    'rejects the unknown tool field %s',
    async (field) => {
      const tool = {
        type: 'function',
        name: 'Read',
        description: 'd',
        parameters: { type: 'object', properties: {} },
        strict: false,
        [field]: {},
      };
      const r = await rejected(baseBody({ tools: [tool] }));
      expect(r.status).toBe(400);
      expect(r.body.error.message).toBe(`Unknown parameter: 'tools.${field}'.`);
    },
  );

  it('rejects function parameters that are not an object schema or carry $schema', async () => {
    const tool = (parameters: unknown) => ({ type: 'function', name: 'Read', parameters });
    const noType = await rejected(baseBody({ tools: [tool({ properties: {} })] }));
    expect(noType.status).toBe(400);
    expect(noType.body.error.code).toBe('invalid_function_parameters');
    expect((await rejected(baseBody({ tools: [tool({ type: 'string' })] }))).status).toBe(400);
    const withSchema = { type: 'object', properties: {}, $schema: 'http://json-schema.org/draft-07/schema#' };
    expect((await rejected(baseBody({ tools: [tool(withSchema)] }))).status).toBe(400);
    expect((await send(baseBody({ tools: [tool({ type: 'object', properties: {} })] }))).status).toBe(200);
  });

  it('rejects tool names over 64 characters or with invalid characters', async () => {
    const long = { type: 'function', name: 'a'.repeat(65), parameters: { type: 'object', properties: {} } };
    const r = await rejected(baseBody({ tools: [long] }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('string_above_max_length');
    const bad = { type: 'function', name: 'mcp.server/tool', parameters: { type: 'object', properties: {} } };
    expect((await rejected(baseBody({ tools: [bad] }))).status).toBe(400);
    const ok = { type: 'function', name: 'a'.repeat(64), parameters: { type: 'object', properties: {} } };
    expect((await send(baseBody({ tools: [ok] }))).status).toBe(200);
  });

  const call = (callId: string) => ({
    type: 'function_call',
    call_id: callId,
    name: 'Read',
    arguments: '{}',
  });
  const output = (callId: string) => ({ type: 'function_call_output', call_id: callId, output: 'done' });
  const user = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] };

  it('accepts a function_call_output that answers an earlier call', async () => {
    expect((await send(baseBody({ input: [user, call('call_1'), output('call_1')] }))).status).toBe(200);
  });

  it('rejects a function_call_output without a matching earlier call', async () => {
    const r = await rejected(baseBody({ input: [user, output('call_1'), call('call_1')] }));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('No tool call found for function call output with call_id call_1.');
  });

  it('rejects call ids over 64 characters', async () => {
    const id = `call_${'x'.repeat(60)}`;
    const r = await rejected(baseBody({ input: [user, call(id), output(id)] }));
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe('input[1].call_id');
  });

  it('rejects a reasoning item with an id but no encrypted_content (store is false)', async () => {
    const res = await send(baseBody({ input: [user, { type: 'reasoning', id: 'rs_123', summary: [] }] }));
    expect(res.status).toBe(404);
    expect(((await res.json()) as Loose).error.message).toMatch(
      /Items are not persisted when `store` is set to false/,
    );
  });

  it('rejects encrypted_content the emulator never issued', async () => {
    const r = await rejected(
      baseBody({ input: [user, { type: 'reasoning', summary: [], encrypted_content: 'gAAAAAforged' }] }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_encrypted_content');
  });

  it('rejects item ids with the wrong prefix, unknown item types and item references', async () => {
    expect((await rejected(baseBody({ input: [{ ...user, id: 'abc' }] }))).status).toBe(400);
    expect((await rejected(baseBody({ input: [{ type: 'thinking', thinking: 'x' }] }))).status).toBe(400);
    expect((await rejected(baseBody({ input: [{ type: 'item_reference', id: 'msg_1' }] }))).status).toBe(400);
    expect((await rejected(baseBody({ input: 'hello' }))).status).toBe(400);
  });

  it('rejects assistant input_text parts and user output_text parts', async () => {
    const bad = { type: 'message', role: 'assistant', content: [{ type: 'input_text', text: 'x' }] };
    expect((await rejected(baseBody({ input: [user, bad] }))).status).toBe(400);
  });

  it.each(['gpt-5-codex', 'gpt-5-codex-mini', 'gpt-5.2-codex', 'gpt-5.3-codex', 'gpt-5.4', 'gpt-5.4-mini'])(
    "answers the retired model %s with today's exact 400 body, on every plan",
    async (model) => {
      emu.control.addAccount({ email: 'free@example.com', plan: 'free' });
      const free = emu.control.issueTokens('free@example.com');
      const body = {
        detail: `The '${model}' model is not supported when using Codex with a ChatGPT account.`,
      };
      for (const who of [auth, free]) {
        const res = await send(baseBody({ model }), who);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual(body);
      }
    },
  );

  it("serves today's models to a free account", async () => {
    emu.control.addAccount({ email: 'free@example.com', plan: 'free' });
    const free = emu.control.issueTokens('free@example.com');
    for (const model of ['gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna', 'gpt-5.5']) {
      const res = await send(baseBody({ model }), free);
      expect(res.status).toBe(200);
      await res.text();
    }
  });

  it('a model retired mid-session answers the retirement 400 and leaves the list (new ETag)', async () => {
    const before = emu.control.modelsEtag();
    const ok = await send(baseBody({ model: 'gpt-5.6-terra' }));
    expect(ok.headers.get('x-models-etag')).toBe(before);
    await ok.text();
    emu.control.retireModel('gpt-5.6-terra');
    expect(emu.control.modelsEtag()).not.toBe(before);
    expect((await rejected(baseBody({ model: 'gpt-5.6-terra' }))).body).toEqual({
      detail: "The 'gpt-5.6-terra' model is not supported when using Codex with a ChatGPT account.",
    });
  });

  it('spark takes no reasoning.summary (400 unsupported_parameter) and no images', async () => {
    const r = await rejected(
      baseBody({ model: 'gpt-5.3-codex-spark', reasoning: { effort: 'high', summary: 'auto' } }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ param: 'reasoning.summary', code: 'unsupported_parameter' });
    const ok = await send(baseBody({ model: 'gpt-5.3-codex-spark', reasoning: { effort: 'high' } }));
    expect(ok.status).toBe(200);
    await ok.text();
    const image = { type: 'input_image', image_url: 'data:image/png;base64,AAAA' };
    const withImage = await rejected(
      baseBody({
        model: 'gpt-5.3-codex-spark',
        reasoning: { effort: 'high' },
        input: [{ type: 'message', role: 'user', content: [image] }],
      }),
    );
    expect(withImage.status).toBe(400);
    expect(withImage.body.error).toMatchObject({ param: 'input' });
  });

  it('service_tier priority only where the model offers Fast', async () => {
    const ok = await send(baseBody({ model: 'gpt-5.6-sol', service_tier: 'priority' }));
    expect(ok.status).toBe(200);
    await ok.text();
    const r = await rejected(
      baseBody({ model: 'gpt-5.3-codex-spark', reasoning: { effort: 'high' }, service_tier: 'priority' }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ param: 'service_tier' });
  });

  it('rejects an unknown model', async () => {
    expect((await rejected(baseBody({ model: 'claude-sonnet-4' }))).body.detail).toMatch(
      /'claude-sonnet-4' model is not supported/,
    );
  });

  it.each([
    ['gpt-5.6-luna', 'ultra'],
    ['gpt-5.5', 'max'],
    ['gpt-5.5', 'minimal'],
    ['gpt-5.5', 'none'],
  ])('rejects %s with effort %s (not a supported level)', async (model, effort) => {
    const r = await rejected(baseBody({ model, reasoning: { effort } }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ param: 'reasoning.effort', code: 'unsupported_value' });
  });

  it.each([
    ['gpt-5.6-sol', 'ultra'],
    ['gpt-5.6-terra', 'max'],
    ['gpt-5.6-luna', 'max'],
    ['gpt-5.5', 'xhigh'],
  ])('accepts %s with effort %s', async (model, effort) => {
    const res = await send(baseBody({ model, reasoning: { effort } }));
    expect(res.status).toBe(200);
    await res.text();
  });

  it('rejects efforts outside the ladder and bad summaries', async () => {
    const r = await rejected(baseBody({ reasoning: { effort: 'extreme' } }));
    expect(r.body.error).toMatchObject({ param: 'reasoning.effort', code: 'invalid_value' });
    expect((await rejected(baseBody({ reasoning: { effort: 'low', summary: 'verbose' } }))).status).toBe(400);
  });

  it('rejects input far beyond the model context window (about 4 characters per token)', async () => {
    const big = 'x'.repeat(130_000 * 4);
    const spark = { model: 'gpt-5.3-codex-spark', reasoning: { effort: 'high' } };
    const r = await rejected(
      baseBody({ ...spark, input: [{ type: 'message', role: 'user', content: big }] }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('context_length_exceeded');
    const res = await send(
      baseBody({ model: 'gpt-5.5', input: [{ type: 'message', role: 'user', content: big }] }),
    );
    expect(res.status).toBe(200);
    await res.text();
    // A large image does not count as text.
    const image = { type: 'input_image', image_url: `data:image/png;base64,${'A'.repeat(2_000_000)}` };
    const withImage = await send(
      baseBody({ model: 'gpt-5.5', input: [{ type: 'message', role: 'user', content: [image] }] }),
    );
    expect(withImage.status).toBe(200);
    await withImage.text();
  });

  describe("page-era scenario (the provider page's catalog, nothing retired)", () => {
    beforeEach(() => emu.control.useModelScenario('page-era'));

    it.each(['gpt-5.2-codex', 'gpt-5.3-codex', 'gpt-5.3-codex-spark', 'gpt-5.4'])(
      'rejects the paid-only model %s for a free account with the real message',
      async (model) => {
        emu.control.addAccount({ email: 'free@example.com', plan: 'free' });
        const free = emu.control.issueTokens('free@example.com');
        const res = await send(baseBody({ model }), free);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({
          detail: `The '${model}' model is not supported when using Codex with a ChatGPT account.`,
        });
        expect((await send(baseBody({ model }))).status).toBe(200);
      },
    );

    it('lets a free account use gpt-5.5 and gpt-5.4-mini, and follows setPlan', async () => {
      emu.control.addAccount({ email: 'free@example.com', plan: 'free' });
      const free = emu.control.issueTokens('free@example.com');
      expect((await send(baseBody({ model: 'gpt-5.5' }), free)).status).toBe(200);
      expect((await send(baseBody({ model: 'gpt-5.4-mini' }), free)).status).toBe(200);
      emu.control.setPlan('free@example.com', 'plus');
      expect((await send(baseBody({ model: 'gpt-5.4' }), free)).status).toBe(200);
    });

    it.each([
      ['gpt-5-codex', 'xhigh'],
      ['gpt-5-codex-mini', 'xhigh'],
      ['gpt-5-codex-mini', 'low'],
    ])('rejects %s with effort %s (not a supported level)', async (model, effort) => {
      const r = await rejected(baseBody({ model, reasoning: { effort } }));
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ param: 'reasoning.effort', code: 'unsupported_value' });
    });

    it.each([
      ['gpt-5-codex', 'high'],
      ['gpt-5.2', 'none'],
      ['gpt-5', 'minimal'],
    ])('accepts %s with effort %s', async (model, effort) => {
      expect((await send(baseBody({ model, reasoning: { effort } }))).status).toBe(200);
    });
  });

  it('rejects a non-JSON body and an unknown include', async () => {
    expect((await send('{not json')).status).toBe(400);
    expect((await rejected(baseBody({ include: ['reasoning.raw'] }))).status).toBe(400);
  });

  it('does not consume a queued turn on a rejected request', async () => {
    emu.control.enqueueTurn({ text: 'kept' });
    await send(baseBody({ temperature: 1 }));
    expect(emu.control.pendingTurns()).toBe(1);
  });
});
