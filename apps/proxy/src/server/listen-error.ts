import { CcsError } from '@ccs/core';

/**
 * What `listen()` failing means for the user: the port or the host they chose is not usable. These are
 * usage errors (exit 2) with what to do, not "unexpected errors" to report.
 */
export function listenError(error: NodeJS.ErrnoException, host: string, port: number | undefined): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new CcsError('USAGE', `Port ${port} on ${host} is already in use.`, {
        suggestion: 'Pick another with --port, or stop the process using it.',
      });
    case 'EACCES':
      return new CcsError('USAGE', `Not allowed to listen on port ${port} of ${host}.`, {
        suggestion: 'Ports below 1024 need administrator rights; pick a port above 1023 with --port.',
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EADDRNOTAVAIL':
      return new CcsError('USAGE', `Cannot listen on "${host}": it is not an address of this machine.`, {
        suggestion: 'Use --host 127.0.0.1 (the default), or fix host in config.yaml.',
      });
    default:
      return error;
  }
}
