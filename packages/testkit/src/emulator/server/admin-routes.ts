import { z } from 'zod';
import type { EmulatorControl } from '../control.js';
import { type AuthorizeBehavior, type DeviceBehavior, TURN_FAULTS } from '../types.js';
import { parseJson, type RouteContext, sendJson } from './http.js';

const windowSchema = z.object({
  usedPercent: z.number(),
  windowMinutes: z.number(),
  resetAfterSeconds: z.number(),
});
const accountSchema = z.object({
  email: z.string().min(1),
  plan: z.string().min(1),
  chatgptAccountId: z.string().optional(),
  chatgptUserId: z.string().optional(),
  accessTokenTtlSeconds: z.number().optional(),
  refreshTokenTtlSeconds: z.number().optional(),
  deviceAuthEnabled: z.boolean().optional(),
});
const turnSchema = z.looseObject({
  text: z.union([z.string(), z.array(z.string())]).optional(),
  reasoning: z.object({ summary: z.array(z.string()), encryptedContent: z.string().optional() }).optional(),
  toolCalls: z
    .array(
      z.object({
        name: z.string(),
        arguments: z.union([z.string(), z.record(z.string(), z.unknown())]),
        callId: z.string().optional(),
        lateName: z.boolean().optional(),
      }),
    )
    .optional(),
  webSearch: z
    .object({
      query: z.string(),
      sources: z.array(z.object({ url: z.string(), title: z.string(), cites: z.string().optional() })),
      failed: z.boolean().optional(),
    })
    .optional(),
  omitDoneOutputIndex: z.boolean().optional(),
  deltaCount: z.number().int().min(1).optional(),
  delayMsPerEvent: z.number().min(0).optional(),
  fault: z.enum(TURN_FAULTS).optional(),
  forEmail: z.string().optional(),
});
const usageSchema = z.object({
  email: z.string(),
  primary: windowSchema.nullable().optional(),
  secondary: windowSchema.nullable().optional(),
  additional: z
    .array(
      z.object({
        limitName: z.string(),
        meteredFeature: z.string(),
        primary: windowSchema.optional(),
        secondary: windowSchema.optional(),
      }),
    )
    .optional(),
  raw: z.record(z.string(), z.unknown()).optional(),
});
const authorizeSchema = z.union([
  z.object({ email: z.string() }),
  z.object({ error: z.literal('access_denied'), description: z.string().optional() }),
  z.object({}),
]);
const deviceSchema = z.union([
  z.object({ email: z.string(), approveAfterPolls: z.number().int().min(0).optional() }),
  z.object({ disabled: z.literal(true) }),
  z.object({ never: z.literal(true) }),
  z.object({}),
]);

type AdminHandler = (control: EmulatorControl, body: unknown, query: URLSearchParams) => unknown;
const OK = { ok: true };

const ADMIN: Record<string, AdminHandler> = {
  'POST /accounts': (c, b) => c.addAccount(accountSchema.parse(b)),
  'GET /accounts': (c) => c.accounts(),
  'POST /plan': (c, b) => {
    const p = z.object({ email: z.string(), plan: z.string() }).parse(b);
    c.setPlan(p.email, p.plan);
    return OK;
  },
  'POST /tokens': (c, b) => c.issueTokens(z.object({ email: z.string() }).parse(b).email),
  'POST /turns': (c, b) => {
    c.enqueueTurn(turnSchema.parse(b));
    return OK;
  },
  'GET /requests': (c, _b, q) =>
    c.requests({ path: q.get('path') ?? undefined, method: q.get('method') ?? undefined }),
  'GET /counters': (c) => c.counters(),
  'POST /authorize-behavior': (c, b) => {
    const p = authorizeSchema.parse(b);
    c.setAuthorizeBehavior(Object.keys(p).length ? (p as AuthorizeBehavior) : undefined);
    return OK;
  },
  'POST /device-behavior': (c, b) => {
    const p = deviceSchema.parse(b);
    c.setDeviceBehavior(Object.keys(p).length ? (p as DeviceBehavior) : undefined);
    return OK;
  },
  'POST /expire-access-tokens': (c, b) => {
    c.expireAccessTokens(z.object({ email: z.string().optional() }).parse(b).email);
    return OK;
  },
  'POST /invalidate-refresh-tokens': (c, b) => {
    const p = z.object({ email: z.string(), reason: z.enum(['expired', 'invalidated']).optional() }).parse(b);
    c.invalidateRefreshTokens(p.email, p.reason);
    return OK;
  },
  'POST /usage': (c, b) => {
    const { email, ...usage } = usageSchema.parse(b);
    c.setUsage(email, usage);
    return OK;
  },
  'POST /models/scenario': (c, b) => {
    c.useModelScenario(z.object({ scenario: z.enum(['today', 'page-era']) }).parse(b).scenario);
    return OK;
  },
  'POST /models/retire': (c, b) => {
    c.retireModel(z.object({ slug: z.string().min(1) }).parse(b).slug);
    return OK;
  },
  'POST /reset': (c) => {
    c.reset();
    return OK;
  },
};

/**
 * JSON admin routes under `/__emulator/*` mirroring the control API, for scripts and other processes.
 * Returns false when the path is not an admin route.
 */
export function handleAdmin(control: EmulatorControl, ctx: RouteContext): boolean {
  const handler = ADMIN[`${ctx.method} ${ctx.path.slice('/__emulator'.length)}`];
  if (!handler) return false;
  const body = ctx.rawBody ? parseJson(ctx.rawBody) : {};
  try {
    sendJson(ctx, 200, handler(control, body ?? {}, ctx.query) ?? OK);
  } catch (e) {
    const message = e instanceof z.ZodError ? z.prettifyError(e) : e instanceof Error ? e.message : String(e);
    sendJson(ctx, 400, { error: message });
  }
  return true;
}
