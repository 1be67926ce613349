import { isRecord } from '../server/http.js';
import {
  ApiRejection,
  invalid,
  invalidType,
  invalidValue,
  missingParameter,
  tooLong,
  unknownParameter,
} from './api-errors.js';

const MAX_ID = 64;
const ITEM_TYPES = [
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'local_shell_call_output',
  'web_search_call',
];
const ID_PREFIX: Record<string, string> = {
  message: 'msg_',
  reasoning: 'rs_',
  function_call: 'fc_',
  custom_tool_call: 'ctc_',
  web_search_call: 'ws_',
};
const ROLES = ['user', 'assistant', 'system', 'developer'];
const INPUT_PARTS = ['input_text', 'input_image', 'input_file'];
const OUTPUT_PARTS = ['output_text', 'refusal'];

function str(
  v: unknown,
  param: string,
  { required = true, max }: { required?: boolean; max?: number } = {},
): void {
  if (v === undefined || v === null) {
    if (required) throw missingParameter(param);
    return;
  }
  if (typeof v !== 'string') throw invalidType(param, 'a string', v);
  if (max !== undefined && v.length > max) throw tooLong(param, max, v.length);
}

function only(obj: Record<string, unknown>, allowed: readonly string[], base: string): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) throw unknownParameter(`${base}.${k}`);
}

function validateParts(content: unknown, param: string, allowedTypes: readonly string[]): void {
  if (typeof content === 'string') return;
  if (!Array.isArray(content)) throw invalidType(param, 'a string or an array', content);
  content.forEach((part, j) => {
    const p = `${param}[${j}]`;
    if (!isRecord(part)) throw invalidType(p, 'an object', part);
    if (!allowedTypes.includes(String(part.type))) throw invalidValue(part.type, `${p}.type`, allowedTypes);
    if (part.type === 'input_text' || part.type === 'output_text') str(part.text, `${p}.text`);
    if (part.type === 'input_image' && part.image_url === undefined && part.file_id === undefined) {
      throw missingParameter(`${p}.image_url`);
    }
    if (part.type === 'input_file') validateInputFile(part, p);
  });
}

const FILE_SOURCES = ['file_data', 'file_id', 'file_url'];

/** `input_file` (Responses API reference): exactly one of file_data (a base64 data: URL, with a filename), file_id, file_url. */
function validateInputFile(part: Record<string, unknown>, p: string): void {
  only(part, ['type', 'filename', 'detail', ...FILE_SOURCES], p);
  const given = FILE_SOURCES.filter((k) => part[k] !== undefined && part[k] !== null);
  if (given.length === 0) throw missingParameter(`${p}.file_data`);
  if (given.length > 1) {
    throw invalid(
      `Invalid '${p}': only one of 'file_data', 'file_id' or 'file_url' may be set.`,
      p,
      'invalid_value',
    );
  }
  for (const k of given) str(part[k], `${p}.${k}`);
  if (part.file_data !== undefined) {
    if (!/^data:[^;,]+;base64,[A-Za-z0-9+/=_-]+$/.test(String(part.file_data))) {
      throw invalid(
        `Invalid '${p}.file_data'. Expected a base64-encoded data URL with a MIME type ('data:application/pdf;base64,...').`,
        `${p}.file_data`,
        'invalid_value',
      );
    }
    if (part.filename === undefined) throw missingParameter(`${p}.filename`);
    str(part.filename, `${p}.filename`);
  }
  if (part.file_url !== undefined && !/^https?:\/\//.test(String(part.file_url))) {
    throw invalid(`Invalid '${p}.file_url': expected an http(s) URL.`, `${p}.file_url`, 'invalid_value');
  }
}

/**
 * Validates the `input` array of a store:false request: item shapes, id hygiene, reasoning blobs and that every
 * tool output answers a call made earlier in the same input.
 */
export function validateInput(input: unknown, issuedReasoning: ReadonlySet<string>): void {
  if (input === undefined) throw missingParameter('input');
  if (!Array.isArray(input)) throw invalidType('input', 'an array', input);
  const calls = new Set<string>();
  const customCalls = new Set<string>();
  input.forEach((item, i) => {
    const base = `input[${i}]`;
    if (!isRecord(item)) throw invalidType(base, 'an object', item);
    // A message may omit `type` ("easy input message").
    const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
    if (type === undefined) throw missingParameter(`${base}.type`);
    if (type === 'item_reference') {
      throw invalid(
        'Item references are not supported when `store` is set to false.',
        `${base}.type`,
        'invalid_value',
      );
    }
    if (!ITEM_TYPES.includes(String(type))) throw invalidValue(type, `${base}.type`, ITEM_TYPES);
    if (item.id !== undefined) {
      str(item.id, `${base}.id`, { max: MAX_ID });
      const prefix = ID_PREFIX[String(type)];
      if (prefix && !String(item.id).startsWith(prefix)) {
        throw invalid(
          `Invalid '${base}.id': '${String(item.id)}'. Expected an ID that begins with '${prefix}'.`,
          `${base}.id`,
          'invalid_value',
        );
      }
    }
    switch (type) {
      case 'message': {
        only(item, ['type', 'role', 'content', 'id', 'status'], base);
        if (!ROLES.includes(String(item.role))) throw invalidValue(item.role, `${base}.role`, ROLES);
        if (item.content === undefined) throw missingParameter(`${base}.content`);
        validateParts(
          item.content,
          `${base}.content`,
          item.role === 'assistant' ? OUTPUT_PARTS : INPUT_PARTS,
        );
        return;
      }
      case 'reasoning': {
        only(item, ['type', 'id', 'summary', 'content', 'encrypted_content', 'status'], base);
        if (!Array.isArray(item.summary)) throw missingParameter(`${base}.summary`);
        const blob = item.encrypted_content;
        if (blob === undefined || blob === null) {
          if (item.id !== undefined) {
            throw new ApiRejection(404, {
              error: {
                message: `Item with id '${String(item.id)}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
                type: 'invalid_request_error',
                param: 'input',
                code: null,
              },
            });
          }
          throw missingParameter(`${base}.encrypted_content`);
        }
        str(blob, `${base}.encrypted_content`);
        if (!issuedReasoning.has(String(blob))) {
          throw invalid(
            `The encrypted content for item ${base} could not be verified.`,
            `${base}.encrypted_content`,
            'invalid_encrypted_content',
          );
        }
        return;
      }
      case 'function_call': {
        only(item, ['type', 'id', 'call_id', 'name', 'arguments', 'status', 'namespace'], base);
        str(item.call_id, `${base}.call_id`, { max: MAX_ID });
        str(item.name, `${base}.name`, { max: MAX_ID });
        str(item.arguments, `${base}.arguments`);
        calls.add(String(item.call_id));
        return;
      }
      case 'custom_tool_call': {
        only(item, ['type', 'id', 'call_id', 'name', 'input', 'status'], base);
        str(item.call_id, `${base}.call_id`, { max: MAX_ID });
        str(item.name, `${base}.name`, { max: MAX_ID });
        str(item.input, `${base}.input`);
        customCalls.add(String(item.call_id));
        return;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        only(item, ['type', 'id', 'call_id', 'output', 'status'], base);
        str(item.call_id, `${base}.call_id`, { max: MAX_ID });
        if (item.output === undefined) throw missingParameter(`${base}.output`);
        validateParts(item.output, `${base}.output`, INPUT_PARTS);
        const known = type === 'function_call_output' ? calls : customCalls;
        if (!known.has(String(item.call_id))) {
          throw invalid(
            `No tool call found for function call output with call_id ${String(item.call_id)}.`,
            'input',
            null,
          );
        }
        return;
      }
      case 'web_search_call': {
        // The Codex CLI replays its searches without an id (store:false), with status and action.
        only(item, ['type', 'id', 'status', 'action'], base);
        if (!isRecord(item.action)) throw missingParameter(`${base}.action`);
        if (
          item.action.type !== 'search' &&
          item.action.type !== 'open_page' &&
          item.action.type !== 'find_in_page'
        ) {
          throw invalidValue(item.action.type, `${base}.action.type`, [
            'search',
            'open_page',
            'find_in_page',
          ]);
        }
        return;
      }
      default:
        // local_shell_call(_output): accepted as opaque history items.
        return;
    }
  });
}
