import { CcsError, usageError } from '@ccs/core';

/** Longest secret accepted on stdin: API keys are short; anything longer is a wrong file piped in. */
const MAX_SECRET_CHARS = 16_384;

/** The first line of a stream (an API key piped in with --with-api-key), without the line break. */
export function readFirstLine(input: NodeJS.ReadableStream, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (error?: Error) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      input.pause?.();
      if (error) reject(error);
      else {
        const line = text.split(/\r?\n/)[0]!.trim();
        if (line) resolve(line);
        else
          reject(
            usageError(`No ${what} on stdin.`, `Pipe it in: printf '%s\\n' "$KEY" | ccs … --with-api-key`),
          );
      }
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.includes('\n')) done();
      else if (text.length > MAX_SECRET_CHARS) done(usageError(`The ${what} on stdin is too long.`));
    };
    const onEnd = () => done();
    const onError = (error: Error) => done(error);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    input.resume?.();
  });
}

/**
 * Asks for a secret on the terminal without echoing it. Enter finishes, Backspace edits, Ctrl-C or
 * Ctrl-D on an empty line cancels (nothing is stored).
 */
export function promptHidden(
  prompt: string,
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(`${prompt} `);
    let value = '';
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.setEncoding('utf8');
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value.trim());
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || (char === '\u0004' && value === ''))
          return finish(new CcsError('CANCELLED', 'Sign-in cancelled; nothing was changed.'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

/**
 * `LoginContext.readSecret` for this run: the first line of stdin with --with-api-key, a hidden prompt
 * on a terminal, or undefined when there is no one to ask (then sign-in says how to pass the key).
 */
export function secretReader(withApiKey: boolean): ((prompt: string) => Promise<string>) | undefined {
  if (withApiKey) return () => readFirstLine(process.stdin, 'API key');
  if (!process.stdin.isTTY || typeof process.stdin.setRawMode !== 'function') return undefined;
  return async (prompt) => {
    const value = await promptHidden(prompt, process.stdin, process.stderr);
    if (!value) throw usageError('No API key was entered.', 'Run the command again and paste the key.');
    return value;
  };
}
