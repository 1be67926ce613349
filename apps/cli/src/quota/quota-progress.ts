const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface QuotaProgress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A one-line spinner on stderr while accounts are fetched, only when stderr is a terminal: redirected
 * output and --json pipelines see nothing of it.
 */
export function startQuotaProgress(
  label: string,
  stream: { isTTY?: boolean; write(chunk: string): unknown } = process.stderr,
): QuotaProgress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  let frame = 0;
  let text = `${label}…`;
  const draw = () => {
    stream.write(`\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${text}`);
  };
  draw();
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    update(done, total) {
      text = `${label}… ${done}/${total}`;
      draw();
    },
    stop() {
      clearInterval(timer);
      stream.write('\r\x1b[K');
    },
  };
}
