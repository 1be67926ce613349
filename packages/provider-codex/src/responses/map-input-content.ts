import type { FilePart, FileUrlPart, ToolResultPart, UserContentPart } from '@ccs/core';
import type {
  ResponsesInputContent,
  ResponsesInputFile,
  ResponsesToolOutputContent,
} from './responses-request.js';

/** Documents become Responses file input (research cliproxyapi.md §3.2: `input_file` with a data: URL). */
export function mapFile(part: FilePart | FileUrlPart): ResponsesInputFile {
  const filename = part.filename ?? (part.mediaType === 'application/pdf' ? 'document.pdf' : undefined);
  if (part.type === 'file-url') {
    return filename
      ? { type: 'input_file', file_url: part.url, filename }
      : { type: 'input_file', file_url: part.url };
  }
  return {
    type: 'input_file',
    file_data: `data:${part.mediaType};base64,${part.data}`,
    filename: filename ?? 'file',
  };
}

/** A tool result: plain text stays a string; images and documents make it a list of input parts. */
export function mapToolResultContent(
  content: ToolResultPart['content'],
): string | ResponsesToolOutputContent[] {
  if (content.every((part) => part.type === 'text')) {
    return content.map((part) => (part as { text: string }).text).join('\n');
  }
  return content.map((part): ResponsesToolOutputContent => {
    switch (part.type) {
      case 'text':
        return { type: 'input_text', text: part.text };
      case 'image':
        return { type: 'input_image', image_url: `data:${part.mediaType};base64,${part.data}` };
      default:
        return mapFile(part);
    }
  });
}

export function mapUserPart(part: Exclude<UserContentPart, { type: 'tool-result' }>): ResponsesInputContent {
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'image':
      return { type: 'input_image', image_url: `data:${part.mediaType};base64,${part.data}` };
    case 'image-url':
      return { type: 'input_image', image_url: part.url };
    default:
      return mapFile(part);
  }
}
