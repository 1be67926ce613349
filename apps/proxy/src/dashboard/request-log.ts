/**
 * The proxy's --verbose lines (formatTrace: names, numbers and codes, never a secret) kept for the
 * dashboard's live request log: the last lines for a page that opens now, and each new line for pages
 * that are open.
 */
export class RequestLog {
  private readonly recent: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();

  constructor(private readonly keep = 200) {}

  push(line: string): void {
    this.recent.push(line);
    if (this.recent.length > this.keep) this.recent.shift();
    for (const listener of this.listeners) listener(line);
  }

  lines(): readonly string[] {
    return this.recent;
  }

  /** Calls `listener` with every new line until the returned function is called. */
  subscribe(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
