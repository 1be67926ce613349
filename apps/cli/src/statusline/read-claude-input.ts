/** What ccs uses from the JSON Claude Code pipes to a status-line command (the rest is ignored). */
export interface ClaudeStatusInput {
  modelName?: string;
  sessionId?: string;
}

/** Longest wait for stdin: Claude Code writes its JSON and closes the pipe at once; a terminal never does. */
const STDIN_WAIT_MS = 25;
const MAX_INPUT_BYTES = 256 * 1024;

export function parseClaudeInput(text: string): ClaudeStatusInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null) return {};
  const input: ClaudeStatusInput = {};
  const { model, session_id: sessionId } = json as { model?: unknown; session_id?: unknown };
  if (typeof model === 'object' && model !== null) {
    const { display_name: name, id } = model as { display_name?: unknown; id?: unknown };
    const chosen = typeof name === 'string' && name ? name : typeof id === 'string' ? id : undefined;
    if (chosen && chosen.length <= 100) input.modelName = chosen;
  }
  if (typeof sessionId === 'string' && sessionId.length <= 100) input.sessionId = sessionId;
  return input;
}

/** Reads stdin when it is a pipe, for at most STDIN_WAIT_MS; never waits on a terminal. */
export function readClaudeInput(stdin: NodeJS.ReadStream): Promise<ClaudeStatusInput> {
  if (stdin.isTTY) return Promise.resolve({});
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      clearTimeout(timer);
      stdin.removeAllListeners('data');
      stdin.removeAllListeners('end');
      stdin.removeAllListeners('error');
      stdin.pause();
      stdin.unref?.();
      resolve(parseClaudeInput(Buffer.concat(chunks).toString('utf8')));
    };
    const timer = setTimeout(finish, STDIN_WAIT_MS);
    stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_INPUT_BYTES) chunks.push(chunk);
    });
    stdin.on('end', finish);
    stdin.on('error', finish);
  });
}
