import type { AccountInfo, ModelSlot } from '@ccs/core';
import { MODEL_SLOTS } from '@ccs/core';
import type { LaunchSlot } from './resolve-launch-models.js';

export interface LaunchDescription {
  account: AccountInfo;
  slots: Record<ModelSlot, LaunchSlot>;
  proxyUrl: string;
  claudePath: string;
  settingsFile: string;
  droppedEnv: string[];
  settingsArgsNote?: string | undefined;
}

/** The --verbose launch lines (stderr). Names and numbers only: never a token or the local key. */
export function describeLaunch(d: LaunchDescription): string[] {
  const who = [
    d.account.nickname,
    d.account.email ? `<${d.account.email}>` : undefined,
    `plan ${d.account.plan ?? 'unknown'}`,
  ]
    .filter(Boolean)
    .join(' ');
  const lines = [`[ccs] account: ${who}`];
  for (const slot of MODEL_SLOTS) {
    const s = d.slots[slot];
    const why =
      s.capped || s.effort !== s.requested
        ? `${s.requested} → ${s.effort}, ${s.source}`
        : `${s.source}${s.known ? '' : ', model not in catalog'}`;
    lines.push(
      `[ccs] ${slot.padEnd(7)} ${s.claudeModel}  (model ${s.modelId}, reasoning.effort ${s.effort}: ${why})`,
    );
  }
  lines.push(`[ccs] settings: ${d.settingsFile}`);
  lines.push(`[ccs] proxy: ${d.proxyUrl} (this session only; random local API key)`);
  lines.push(`[ccs] claude: ${d.claudePath}`);
  if (d.droppedEnv.length > 0) lines.push(`[ccs] not passed to Claude Code: ${d.droppedEnv.join(', ')}`);
  if (d.settingsArgsNote) lines.push(`[ccs] settings keys not passed with --settings: ${d.settingsArgsNote}`);
  return lines;
}
