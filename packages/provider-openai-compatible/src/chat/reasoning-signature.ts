export type ReasoningField = 'reasoning_content' | 'reasoning';

const SIGNATURE_PREFIX = 'ccs-openai-compatible:';

/**
 * The "signature" of a reasoning block says which field it came in. Claude Code hands thinking blocks
 * back with their signature, and endpoints such as DeepSeek require the reasoning of a tool-call turn
 * to come back in that field; reasoning from elsewhere (another provider) has no such signature.
 */
export function reasoningSignature(field: ReasoningField): string {
  return `${SIGNATURE_PREFIX}${field}`;
}

export function reasoningFieldOf(signature: string | undefined): ReasoningField | undefined {
  if (!signature?.startsWith(SIGNATURE_PREFIX)) return undefined;
  const field = signature.slice(SIGNATURE_PREFIX.length);
  return field === 'reasoning_content' || field === 'reasoning' ? field : undefined;
}
