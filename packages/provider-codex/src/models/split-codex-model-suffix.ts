import { joinEffortSuffix, splitEffortSuffix } from '@ccs/core';

/** The shared effort-suffix convention under its Codex names (kept for plugins that import them). */
export const splitCodexModelSuffix = splitEffortSuffix;
export const joinCodexModelSuffix = joinEffortSuffix;
