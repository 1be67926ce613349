import type { DashboardState } from '../dashboard-state.js';

// Shared by the page's modules (bundled into the one script): DOM helpers that render with textContent
// only, and the handle each module gets to the page (its API calls, status line and reload).

export type ProviderState = DashboardState['providers'][number];

export interface Page {
  api<T>(path: string, init?: RequestInit): Promise<T>;
  /** A write: POST JSON to /api/dashboard/<action>, show its message, reload the data. */
  post(action: string, body: Record<string, unknown>): Promise<void>;
  status(text: string, bad?: boolean): void;
  load(refresh: boolean, background?: boolean): Promise<void>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string | null) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

export function button(text: string, label: string, cls = 'secondary'): HTMLButtonElement {
  const b = el('button', cls, text);
  b.type = 'button';
  b.setAttribute('aria-label', label);
  return b;
}

let fields = 0;

/**
 * A visible label tied to its control by `for` (not wrapped around it, so a select's name is the label
 * alone, not the label plus its chosen option).
 */
export function labelled(text: string, control: HTMLElement): HTMLElement {
  fields += 1;
  control.id = `field-${fields}`;
  const box = el('span', 'field');
  const label = el('label', '', text);
  label.htmlFor = control.id;
  box.appendChild(label);
  box.appendChild(control);
  return box;
}

export function tableWithHead(cls: string, columns: string[]): HTMLTableElement {
  const table = el('table', cls);
  const head = el('tr');
  for (const t of columns) {
    const th = el('th', '', t);
    th.scope = 'col';
    head.appendChild(th);
  }
  const thead = el('thead');
  thead.appendChild(head);
  table.appendChild(thead);
  return table;
}

export const cap = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

const PLANS: Record<string, string> = {
  free: 'Free',
  go: 'Go',
  plus: 'Plus',
  pro: 'Pro',
  team: 'Team',
  business: 'Business',
  enterprise: 'Enterprise',
  edu: 'Edu',
};
export const planName = (p: string) => PLANS[p.toLowerCase()] ?? cap(p);
