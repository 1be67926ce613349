import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwtPayload, type Emulator, startEmulator } from '../src/index.js';
import { baseBody, postResponses, signIn, streamEvents } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe('startEmulator smoke', () => {
  it('signs in through the browser flow and streams the default reply', async () => {
    const acct = emu.control.addAccount({ email: 'john@example.com', plan: 'plus' });
    const tokens = await signIn(emu);
    const claims = decodeJwtPayload(tokens.id_token);
    expect(claims.email).toBe('john@example.com');
    expect(claims['https://api.openai.com/auth']).toMatchObject({
      chatgpt_plan_type: 'plus',
      chatgpt_account_id: acct.chatgptAccountId,
    });
    const res = await postResponses(
      emu,
      { accessToken: tokens.access_token, accountId: acct.chatgptAccountId },
      baseBody(),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = await streamEvents(res);
    const text = events
      .filter((e) => e.event === 'response.output_text.delta')
      .map((e) => e.data.delta)
      .join('');
    expect(text).toBe('Hello from the emulator.');
    expect(events.at(-1)!.event).toBe('response.completed');
  });
});
