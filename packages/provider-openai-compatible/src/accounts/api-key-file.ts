import { z } from 'zod';

/** `cliproxy/auth/<provider>-<id>.json` (0600): one stored API key and what ccs knows about it. */
export const apiKeyFileSchema = z.looseObject({
  type: z.literal('api-key'),
  provider: z.string(),
  id: z.string(),
  nickname: z.string(),
  api_key: z.string().min(1),
  created_at: z.string(),
  /** At most one stored key of a provider has it; without one, config.yaml's keys come first. */
  default: z.boolean().optional(),
});
export type ApiKeyFile = z.infer<typeof apiKeyFileSchema>;

/** Credentials of this provider: just the key. */
export interface ApiKeyCredentials extends Record<string, unknown> {
  apiKey: string;
}
