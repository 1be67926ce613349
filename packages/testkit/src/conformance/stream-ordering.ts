import type { ChatStreamPart } from '@ccs/core';

type BlockKind = 'text' | 'reasoning' | 'tool-input';

const blockOf = (type: string): { kind: BlockKind; phase: 'start' | 'delta' | 'end' } | undefined => {
  const m = /^(text|reasoning|tool-input)-(start|delta|end)$/.exec(type);
  return m ? { kind: m[1] as BlockKind, phase: m[2] as 'start' | 'delta' | 'end' } : undefined;
};

/**
 * Checks a provider's stream against the ChatStreamPart ordering contract (core spec v1): one `stream-start`
 * first; blocks never interleave; every `tool-input-end` is followed by the matching `tool-call`; web searches
 * sit between blocks, each result after its call; citations inside their text block; exactly one `finish` or
 * `error`, last. Returns the problems found (empty when the stream conforms).
 */
export function checkStreamOrdering(parts: readonly ChatStreamPart[]): string[] {
  const problems: string[] = [];
  if (parts.length === 0) return ['the stream is empty'];
  if (parts[0]!.type !== 'stream-start')
    problems.push(`the first part is ${parts[0]!.type}, not stream-start`);
  let open: { kind: BlockKind; id: string } | undefined;
  let terminal = 0;
  const searches = new Set<string>();
  parts.forEach((part, i) => {
    const at = `part ${i} (${part.type})`;
    if (terminal > 0) problems.push(`${at} comes after the stream ended`);
    if (part.type === 'stream-start' && i > 0) problems.push(`${at}: a second stream-start`);
    if (part.type === 'finish' || part.type === 'error') {
      terminal++;
      if (open && part.type === 'finish')
        problems.push(`${at}: finish while ${open.kind} block ${open.id} is open`);
      return;
    }
    if (part.type === 'tool-call') {
      const prev = parts[i - 1];
      if (prev?.type !== 'tool-input-end' || prev.id !== part.toolCallId) {
        problems.push(`${at}: tool-call ${part.toolCallId} does not directly follow its tool-input-end`);
      }
      return;
    }
    if (part.type === 'text-citation') {
      if (open?.kind !== 'text' || open.id !== part.id)
        problems.push(`${at}: cites text ${part.id}, which is not the open text block`);
      return;
    }
    if (part.type === 'web-search-call' || part.type === 'web-search-result') {
      if (open) problems.push(`${at}: comes inside ${open.kind} block ${open.id}`);
      if (part.type === 'web-search-call') searches.add(part.id);
      else if (!searches.has(part.callId))
        problems.push(`${at}: result for ${part.callId} before (or without) its web-search-call`);
      return;
    }
    const block = blockOf(part.type);
    if (!block) return;
    const id = (part as { id: string }).id;
    if (block.phase === 'start') {
      if (open) problems.push(`${at}: starts ${block.kind} ${id} while ${open.kind} ${open.id} is open`);
      open = { kind: block.kind, id };
      return;
    }
    if (!open || open.kind !== block.kind || open.id !== id) {
      problems.push(`${at}: ${block.kind} ${id} is not the open block`);
      return;
    }
    if (block.phase === 'end') {
      open = undefined;
      if (block.kind === 'tool-input') {
        const next = parts[i + 1];
        if (next?.type !== 'tool-call' || next.toolCallId !== id) {
          problems.push(`${at}: tool-input-end ${id} is not followed by its tool-call`);
        }
      }
    }
  });
  if (terminal === 0) problems.push('the stream has no finish or error part');
  if (terminal > 1) problems.push(`the stream has ${terminal} finish/error parts`);
  return problems;
}

/** Throws an Error listing every ordering problem of the stream. */
export function assertStreamOrdering(parts: readonly ChatStreamPart[]): void {
  const problems = checkStreamOrdering(parts);
  if (problems.length > 0)
    throw new Error(`stream breaks the ChatStreamPart ordering contract:\n- ${problems.join('\n- ')}`);
}
