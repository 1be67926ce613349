import { type Emulator, startEmulator } from '@ccs/testkit';
import { ensureBuilt, loginAs, makeSandbox, type Sandbox } from '../../../../apps/cli/test/auth-harness.js';

export const WORLD_EMAILS = ['john@example.com', 'mary@example.com', 'ann@example.com'];

export interface World {
  emu: Emulator;
  box: Sandbox;
  emails: string[];
  close(): Promise<void>;
}

/** The built ccs against the emulator, in a temp HOME/CCS_HOME, with three accounts signed in. */
export async function setupWorld(): Promise<World> {
  await ensureBuilt();
  const emu = await startEmulator({ port: 0 });
  for (const email of WORLD_EMAILS) emu.control.addAccount({ email, plan: 'plus' });
  // Claude Code itself is not under test here: a launch runs /bin/true in its place.
  const box = await makeSandbox(emu, { CCS_CLAUDE_PATH: '/bin/true' });
  for (const [i, email] of WORLD_EMAILS.entries()) await loginAs(emu, box.env, email, i ? ['--add'] : []);
  return {
    emu,
    box,
    emails: [...WORLD_EMAILS],
    close: async () => {
      await box.cleanup();
      await emu.close();
    },
  };
}
