// Moved to @ccs/core (every provider's sign-in and the CLI host ask it); re-exported for existing users.
export { detectHeadless } from '@ccs/core/internal';

/** The `ssh -L` line a user runs on their own computer to forward the callback port here. */
export function sshTunnelCommand(
  port: number,
  env: Readonly<Record<string, string | undefined>>,
  host: string,
): string {
  const user = env.USER || env.LOGNAME || '<user>';
  // SSH_CONNECTION = "client_ip client_port server_ip server_port": the address the user reached us on.
  const serverAddress = env.SSH_CONNECTION?.trim().split(/\s+/)[2];
  return `ssh -L ${port}:localhost:${port} ${user}@${serverAddress || host}`;
}
