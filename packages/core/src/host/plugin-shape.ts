import { z } from 'zod';
import { CcsError } from '../errors/ccs-error.js';
import { PLUGIN_API_VERSION, type PluginDefinition } from '../spec/v1/plugin.js';

/** Where a plugin came from, for messages: `built-in`, the path or package named in config.yaml. */
export interface PluginOrigin {
  /** Short, e.g. `./plugins/echo.mjs` or `@acme/ccs-provider-x` or `built-in`. */
  label: string;
  /** Key path of its options in config.yaml, e.g. `plugins[2].options`. */
  optionsKey?: string;
  /** Points errors at the config file: `<file>:<line>:` for a path below `optionsKey`. */
  locate?: (optionPath: ReadonlyArray<PropertyKey>) => { file: string; line: number } | undefined;
}

// A plugin may bundle its own copy of zod, so schemas are recognised by shape, not by instanceof.
const zodLike = z.custom<z.ZodType>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as z.ZodType).safeParse === 'function',
  { error: 'must be a zod schema' },
);

const definitionShape = z.object({
  apiVersion: z.number(),
  kind: z.literal('provider', { error: 'must be "provider"' }),
  meta: z.object({
    id: z
      .string({ error: 'must be a string' })
      .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { error: 'must be kebab-case, e.g. "my-provider"' }),
    displayName: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
    packageName: z.string().optional(),
    version: z.string().optional(),
    homepage: z.string().optional(),
  }),
  optionsSchema: zodLike,
  multiInstance: z.boolean({ error: 'must be true or false' }).optional(),
  create: z.custom<PluginDefinition['create']>((value) => typeof value === 'function', {
    error: 'must be a function',
  }),
});

const pathText = (path: ReadonlyArray<PropertyKey>) => path.map(String).join('.');

/** Checks what a plugin module exported before anything of it runs. */
export function checkPluginDefinition(value: unknown, origin: PluginOrigin): PluginDefinition {
  if (typeof value !== 'object' || value === null) {
    throw new CcsError('PLUGIN_INVALID', `Plugin ${origin.label} does not export a plugin definition.`, {
      suggestion: 'Export one as the default export: export default definePlugin({ apiVersion: 1, ... }).',
    });
  }
  const record = value as Record<string, unknown>;
  const meta = record.meta as { id?: unknown } | undefined;
  const name = typeof meta?.id === 'string' ? `"${meta.id}" (${origin.label})` : origin.label;
  if (record.apiVersion !== PLUGIN_API_VERSION) {
    const target =
      typeof record.apiVersion === 'number' ? `plugin API ${record.apiVersion}` : 'no plugin API version';
    const newer = typeof record.apiVersion === 'number' && record.apiVersion > PLUGIN_API_VERSION;
    throw new CcsError(
      'PLUGIN_API_UNSUPPORTED',
      `Plugin ${name} targets ${target}, but this ccs supports API ${PLUGIN_API_VERSION}.`,
      {
        suggestion: newer
          ? 'Upgrade ccs, or install a version of the plugin built for plugin API 1.'
          : `Install a version of the plugin built for plugin API ${PLUGIN_API_VERSION}, or remove it from plugins:.`,
        details: { pluginApiVersion: record.apiVersion ?? null, supported: PLUGIN_API_VERSION },
      },
    );
  }
  const parsed = definitionShape.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CcsError(
      'PLUGIN_INVALID',
      `Plugin ${name} is not a valid plugin: ${pathText(issue.path)} ${issue.message}.`,
      {
        suggestion: 'Build the plugin with definePlugin() from @ccs/core and check its fields.',
      },
    );
  }
  return value as PluginDefinition;
}

/** Validates options with the plugin's own schema; errors name the key, e.g. `plugins[0].options.greeting`. */
export function parsePluginOptions(
  definition: PluginDefinition,
  options: unknown,
  origin: PluginOrigin,
): unknown {
  const result = definition.optionsSchema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const sub = issue.path.map((segment) =>
    typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`,
  );
  const key = `${origin.optionsKey ?? `${definition.meta.id} options`}${sub.join('')}`;
  const where = origin.locate?.(issue.path as PropertyKey[]);
  const prefix = where ? `${where.file}:${where.line}: ` : '';
  throw new CcsError('PLUGIN_OPTIONS_INVALID', `${prefix}${key}: ${issue.message}`, {
    suggestion: `Fix the options of plugin "${definition.meta.id}" (${origin.label}).`,
    details: { pluginId: definition.meta.id, key },
  });
}
