/**
 * The name of a provider's own ccs variable: `CCS_<ID>_<NAME>`, the id upper-cased with every other
 * character as `_` (codex → CCS_CODEX_EFFORT, my-llm → CCS_MY_LLM_EFFORT). The Codex names that are
 * part of the fixed interface (CCS_CODEX_EFFORT, CCS_CODEX_FAST, CCS_CODEX_LOGIN_TIMEOUT) follow
 * from the same rule, so every provider gets the same variables.
 */
export function providerEnvName(providerId: string, name: string): string {
  return `CCS_${providerId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${name}`;
}
