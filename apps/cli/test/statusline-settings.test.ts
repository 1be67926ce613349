import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCountdown } from '@ccs/core/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { countdown } from '../src/statusline/countdown.js';
import { parseClaudeInput } from '../src/statusline/read-claude-input.js';
import { planStatusLine, statusLineCommand } from '../src/statusline/statusline-settings.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccs-statusline-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the status line ccs gives Claude Code', () => {
  it('is added to the settings, naming this node and ccs bin, and the status file under CCS_HOME/run', () => {
    const home = tempDir();
    const plan = planStatusLine({
      ccsHome: '/h/.ccs',
      enabled: true,
      otherSettings: { permissions: { allow: ['Bash(ls)'] } },
      env: { HOME: home },
      cwd: home,
    });
    expect(plan.skipped).toBeUndefined();
    expect(plan.statusFile).toBe(`/h/.ccs/run/status-${process.pid}.json`);
    expect(plan.settings).toEqual({
      permissions: { allow: ['Bash(ls)'] },
      statusLine: { type: 'command', command: statusLineCommand(), padding: 0, refreshInterval: 10 },
    });
    expect(statusLineCommand('/opt/node js/node', "/it's/bin.js")).toBe(
      `'/opt/node js/node' '/it'\\''s/bin.js' statusline`,
    );
  });

  it("keeps the user's own statusLine: ccs settings file, Claude Code user or project settings; --no-statusline", () => {
    const home = tempDir();
    const project = tempDir();
    const base = { ccsHome: '/h', enabled: true, otherSettings: {}, env: { HOME: home }, cwd: project };
    const own = { statusLine: { type: 'command', command: 'mine' } };
    expect(planStatusLine({ ...base, otherSettings: own }).settings).toEqual(own);
    expect(planStatusLine({ ...base, claudeArgs: ['-p', 'hi'] })).toMatchObject({
      settings: {},
      skipped: 'print mode (-p) shows no status line',
    });
    expect(planStatusLine({ ...base, enabled: false })).toMatchObject({
      settings: {},
      skipped: 'status line off (--no-statusline)',
    });
    mkdirSync(join(project, '.claude'));
    writeFileSync(join(project, '.claude', 'settings.local.json'), JSON.stringify(own));
    expect(planStatusLine(base)).toMatchObject({
      settings: {},
      skipped: expect.stringContaining('settings.local.json'),
    });
    rmSync(join(project, '.claude'), { recursive: true });
    mkdirSync(join(home, '.claude'));
    writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify(own));
    expect(planStatusLine(base).settings).toEqual({});
    // CLAUDE_CONFIG_DIR moves the user settings.
    expect(
      planStatusLine({ ...base, env: { HOME: home, CLAUDE_CONFIG_DIR: project } }).settings,
    ).toHaveProperty('statusLine');
  });
});

describe('status line pieces', () => {
  it('counts down exactly like @ccs/core (which the status line may not load, for its start-up time)', () => {
    for (let ms = -5_000; ms < 9 * 86_400_000; ms += 7_919_993)
      expect(countdown(ms)).toBe(formatCountdown(ms));
    for (const ms of [0, 59_499, 59_500, 3_599_000, 3_600_000, 86_399_000])
      expect(countdown(ms)).toBe(formatCountdown(ms));
  });

  it("reads Claude Code's model name from its JSON and ignores anything else", () => {
    expect(parseClaudeInput('{"session_id":"s1","model":{"id":"gpt-5.5","display_name":"GPT 5.5"}}')).toEqual(
      {
        modelName: 'GPT 5.5',
        sessionId: 's1',
      },
    );
    expect(parseClaudeInput('not json')).toEqual({});
    expect(parseClaudeInput('[1]')).toEqual({});
  });
});
