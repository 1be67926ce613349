import { isRecord } from '../server/http.js';
import {
  invalid,
  invalidType,
  invalidValue,
  missingParameter,
  tooLong,
  unknownParameter,
} from './api-errors.js';

const TOOL_FIELDS: Record<string, readonly string[]> = {
  function: ['type', 'name', 'description', 'parameters', 'strict'],
  custom: ['type', 'name', 'description', 'format'],
  web_search: ['type', 'filters', 'user_location', 'search_context_size', 'external_web_access'],
  local_shell: ['type'],
  image_generation: [
    'type',
    'output_format',
    'quality',
    'size',
    'background',
    'moderation',
    'partial_images',
  ],
};
const TOOL_TYPES = Object.keys(TOOL_FIELDS);
const NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;

/** Validates `tools` and `tool_choice`; returns the declared function/custom tool names. */
export function validateTools(tools: unknown, toolChoice: unknown): Set<string> {
  const names = new Set<string>();
  if (tools !== undefined && tools !== null) {
    if (!Array.isArray(tools)) throw invalidType('tools', 'an array', tools);
    tools.forEach((tool, i) => {
      const base = `tools[${i}]`;
      if (!isRecord(tool)) throw invalidType(base, 'an object', tool);
      const type = tool.type;
      const allowed = TOOL_FIELDS[String(type)] ?? TOOL_FIELDS.function!;
      // Unknown fields (Claude's cache_control, defer_loading, input_schema) are reported before anything else,
      // with the field path the backend uses.
      for (const k of Object.keys(tool)) if (!allowed.includes(k)) throw unknownParameter(`tools.${k}`);
      if (type === undefined) throw missingParameter(`${base}.type`);
      if (!TOOL_TYPES.includes(String(type))) throw invalidValue(type, `${base}.type`, TOOL_TYPES);
      if (type === 'web_search') validateWebSearchTool(tool, base);
      if (type === 'function' || type === 'custom') {
        if (tool.name === undefined) throw missingParameter(`${base}.name`);
        if (typeof tool.name !== 'string') throw invalidType(`${base}.name`, 'a string', tool.name);
        if (tool.name.length > 64) throw tooLong(`${base}.name`, 64, tool.name.length);
        if (!NAME_PATTERN.test(tool.name)) {
          throw invalid(
            `Invalid '${base}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
            `${base}.name`,
            'invalid_value',
          );
        }
        if (tool.parameters !== undefined && tool.parameters !== null) {
          checkParameters(tool.parameters, tool.name, `${base}.parameters`);
        }
        names.add(tool.name);
      }
    });
  }
  if (toolChoice !== undefined && toolChoice !== null) {
    if (typeof toolChoice === 'string') {
      if (!['auto', 'none', 'required'].includes(toolChoice)) {
        throw invalidValue(toolChoice, 'tool_choice', ['auto', 'none', 'required']);
      }
    } else if (isRecord(toolChoice)) {
      if (toolChoice.type === 'function' && !names.has(String(toolChoice.name))) {
        throw invalid(
          `Tool choice '${String(toolChoice.name)}' not found in 'tools' parameter.`,
          'tool_choice',
          null,
        );
      }
    } else throw invalidType('tool_choice', 'a string or an object', toolChoice);
  }
  return names;
}

/** The hosted web search: `filters.allowed_domains` and an approximate `user_location` (Responses API reference). */
function validateWebSearchTool(tool: Record<string, unknown>, base: string): void {
  if (tool.filters !== undefined && tool.filters !== null) {
    if (!isRecord(tool.filters)) throw invalidType(`${base}.filters`, 'an object', tool.filters);
    for (const k of Object.keys(tool.filters))
      if (k !== 'allowed_domains') throw unknownParameter(`${base}.filters.${k}`);
    const domains = tool.filters.allowed_domains;
    if (domains !== undefined && (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string'))) {
      throw invalidType(`${base}.filters.allowed_domains`, 'an array of strings', domains);
    }
  }
  if (tool.user_location !== undefined && tool.user_location !== null) {
    const loc = tool.user_location;
    if (!isRecord(loc)) throw invalidType(`${base}.user_location`, 'an object', loc);
    for (const k of Object.keys(loc))
      if (!['type', 'city', 'region', 'country', 'timezone'].includes(k))
        throw unknownParameter(`${base}.user_location.${k}`);
    if (loc.type !== undefined && loc.type !== 'approximate')
      throw invalidValue(loc.type, `${base}.user_location.type`, ['approximate']);
  }
}

/** Function parameters must be an object schema; CLIProxyAPI strips `$schema` because the backend refuses it. */
function checkParameters(schema: unknown, name: string, param: string): void {
  if (!isRecord(schema)) throw invalidType(param, 'an object', schema);
  const bad = (why: string) =>
    invalid(`Invalid schema for function '${name}': ${why}`, param, 'invalid_function_parameters');
  if (schema.type !== 'object') {
    throw bad(
      `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(schema.type ?? 'None')}"'.`,
    );
  }
  if ('$schema' in schema) throw bad("'$schema' is not permitted.");
}
