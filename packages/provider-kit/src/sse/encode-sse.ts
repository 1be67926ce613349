export interface SseEventInit {
  event?: string;
  data: string;
  id?: string;
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Encodes one event. Multi-line data becomes several `data:` lines (the parser joins them back
 * with "\n"). Line breaks in `event`/`id` would end the field early and let data inject fields,
 * so they are removed.
 */
export function encodeSseEvent({ event, data, id }: SseEventInit): string {
  let out = '';
  if (event !== undefined && event !== '') out += `event: ${event.replace(/[\r\n]/g, '')}\n`;
  if (id !== undefined) out += `id: ${id.replace(/[\r\n\0]/g, '')}\n`;
  // Fast path: JSON payloads never contain raw line breaks.
  if (!LINE_BREAK.test(data)) return `${out}data: ${data}\n\n`;
  for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return `${out}\n`;
}
