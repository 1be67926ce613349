import type { DashboardAccount, DashboardState } from '../dashboard-state.js';
import { addAccount } from './add-account.js';
import { button, cap, el, type Page, planName, tableWithHead } from './client-dom.js';
import { providerModels } from './slot-editor.js';

// The page's only script, type-checked with the rest of the proxy and bundled with its modules
// (client-dom, add-account, slot-editor) into one script in the page (dashboard-script.ts). It uses only
// browser globals. It reads the token from the URL fragment (never
// sent to a server, never in a Referer), keeps it in sessionStorage so a reload works, and renders with
// DOM calls and textContent only, so names and error texts can never become markup.

type Provider = DashboardState['providers'][number];
type QuotaWindow = DashboardAccount['windows'][number];
interface UsageDay {
  day: string;
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  totalTokens: number;
}
interface UsageAnswer {
  available: boolean;
  days: UsageDay[];
  total: UsageDay;
  models: Array<UsageDay & { key: string }>;
}

export function dashboardClient(): void {
  const KEY = 'ccs-dashboard-token';
  let token = '';
  const hash = /[#&]token=([^&]+)/.exec(location.hash);
  if (hash?.[1]) {
    token = decodeURIComponent(hash[1]);
    try {
      sessionStorage.setItem(KEY, token);
    } catch {}
    history.replaceState(null, '', location.pathname);
  } else {
    try {
      token = sessionStorage.getItem(KEY) ?? '';
    } catch {}
  }
  const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const WDL = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const $ = (id: string) => document.getElementById(id) as HTMLElement;
  const pad = (n: number) => (n < 10 ? '0' : '') + n;
  const hm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const dayTime = (d: Date) => `${WD[d.getDay()]} ${d.getDate()} ${MON[d.getMonth()]} ${hm(d)}`;
  function dur(ms: number): string {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return `${s}s`;
    const m = Math.round(s / 60);
    const d = Math.floor(m / 1440);
    const h = Math.floor((m % 1440) / 60);
    const r = m % 60;
    if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
    if (h > 0) return r > 0 ? `${h}h ${r}m` : `${h}h`;
    return `${r}m`;
  }
  const level = (pct: number) => (pct >= 90 ? 'bad' : pct >= 75 ? 'warn' : '');
  const num = (n: number) => n.toLocaleString('en-US');
  function usage(w: QuotaWindow): string {
    const pct = Math.round(w.usedPercent);
    if (w.usedPercent >= 100) return 'limit reached';
    if (w.used !== null && w.limit !== null) return `${w.used}/${w.limit} messages (${pct}% used)`;
    return `${pct}% used`;
  }
  function resetText(iso: string | null, now: Date): string {
    if (!iso) return '';
    const at = new Date(iso);
    const ms = at.getTime() - now.getTime();
    if (!Number.isFinite(ms)) return '';
    if (ms <= 0) return 'resets now';
    return `resets in ${dur(ms)} \u00b7 ${dayTime(at)}`;
  }
  const asOf = (iso: string, cached: boolean) => `as of ${hm(new Date(iso))}${cached ? ', cached' : ''}`;

  function api<T>(path: string, init: RequestInit = {}): Promise<T> {
    const request: RequestInit = {
      ...init,
      headers: { 'x-ccs-dashboard-token': token, ...(init.headers as Record<string, string>) },
      cache: 'no-store',
      credentials: 'omit',
    };
    return fetch(path, request).then((res) =>
      res
        .json()
        .catch(() => ({}))
        .then((body: { error?: { message?: string } }) => {
          if (res.ok) return body as T;
          let msg = body.error?.message ?? `HTTP ${res.status}`;
          if (res.status === 401)
            msg = 'This page needs the link ccs printed (it ends in #token=\u2026). Run ccs dashboard again.';
          throw new Error(msg);
        }),
    );
  }
  function status(text: string, bad?: boolean): void {
    const s = $('status');
    s.textContent = text;
    s.className = bad ? 'bad' : '';
  }
  function post(action: string, body: Record<string, unknown>): Promise<void> {
    return api<{ message: string }>(`/api/dashboard/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((answer) => {
      status(answer.message);
      return load(false);
    });
  }

  function windowRow(w: QuotaWindow, now: Date): HTMLElement {
    const row = el('div', 'win');
    const top = el('div', 'win-top');
    top.appendChild(el('span', 'win-label', cap(w.label)));
    top.appendChild(el('span', `win-use ${level(w.usedPercent)}`, usage(w)));
    row.appendChild(top);
    const bar = el('div', `bar ${level(w.usedPercent)}`);
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-label', `${cap(w.label)} usage`);
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', '100');
    bar.setAttribute('aria-valuenow', String(Math.round(w.usedPercent)));
    const fill = el('span');
    fill.style.width = `${Math.min(100, Math.max(0, w.usedPercent))}%`;
    bar.appendChild(fill);
    row.appendChild(bar);
    const reset = resetText(w.resetsAt, now);
    if (reset) row.appendChild(el('div', 'win-reset', reset));
    return row;
  }

  function accountActions(provider: Provider, a: DashboardAccount): HTMLElement {
    const box = el('div', 'actions');
    const target = { provider: provider.id, account: a.key };
    const fail = (b: HTMLButtonElement) => (e: Error) => {
      b.disabled = false;
      status(e.message, true);
    };
    if (!a.default) {
      const make = button('Make default', `Make default: ${a.nickname}`);
      make.addEventListener('click', () => {
        make.disabled = true;
        post('default', target).catch(fail(make));
      });
      box.appendChild(make);
    }
    const rename = button('Rename', `Rename ${a.nickname}`);
    rename.addEventListener('click', () => {
      const form = el('form', 'rename');
      const label = el('label', '', 'New name');
      const input = el('input');
      input.name = 'nickname';
      input.value = a.nickname;
      input.maxLength = 64;
      input.required = true;
      label.appendChild(input);
      const save = el('button', '', 'Save');
      save.type = 'submit';
      form.appendChild(label);
      form.appendChild(save);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        save.disabled = true;
        post('rename', { ...target, nickname: input.value }).catch(fail(save));
      });
      box.replaceWith(form);
      input.focus();
      input.select();
    });
    box.appendChild(rename);
    const logout = button('Sign out', `Sign out of ${a.nickname}`, 'secondary danger');
    logout.addEventListener('click', () => {
      // Two steps: signing out revokes the sign-in upstream and cannot be undone from here.
      if (logout.dataset.armed !== '1') {
        logout.dataset.armed = '1';
        logout.textContent = `Confirm: sign out of ${a.nickname}`;
        logout.setAttribute('aria-label', `Confirm: sign out of ${a.nickname}`);
        return;
      }
      logout.disabled = true;
      post('logout', target).catch(fail(logout));
    });
    box.appendChild(logout);
    return box;
  }

  function accountCard(provider: Provider, a: DashboardAccount, now: Date): HTMLElement {
    const card = el('article', `card${a.default ? ' is-default' : ''}`);
    card.setAttribute('data-account', a.nickname);
    const head = el('div', 'acct-head');
    const who = el('div', 'who');
    const nick = el('div', 'nick', a.nickname);
    if (a.plan) nick.appendChild(el('span', 'badge plan', planName(a.plan)));
    if (a.default) nick.appendChild(el('span', 'badge default', 'Default'));
    who.appendChild(nick);
    if (a.email) who.appendChild(el('div', 'email', a.email));
    head.appendChild(who);
    card.appendChild(head);
    card.appendChild(accountActions(provider, a));
    const meta = el('div', 'meta');
    meta.appendChild(
      el(
        'span',
        '',
        a.lastUsedAt ? `Last used ${dur(now.getTime() - Date.parse(a.lastUsedAt))} ago` : 'Not used yet',
      ),
    );
    if (a.fetchedAt) meta.appendChild(el('span', 'asof', asOf(a.fetchedAt, a.cached)));
    if (a.credits?.hasCredits)
      meta.appendChild(el('span', '', `Credits: ${a.credits.unlimited ? 'unlimited' : a.credits.balance}`));
    card.appendChild(meta);
    for (const w of a.windows) card.appendChild(windowRow(w, now));
    if (!provider.reportsQuota) card.appendChild(el('p', 'note', 'This provider does not report quota.'));
    if (a.weeklyResetAt) {
      const at = new Date(a.weeklyResetAt);
      card.appendChild(el('div', 'schedule', `Weekly reset: ${WDL[at.getDay()]} at ${hm(at)}`));
    }
    if (a.error) {
      const box = el('div', 'error');
      box.setAttribute('role', 'alert');
      box.appendChild(el('div', '', a.error.message));
      const action = el('div', 'action');
      const cmd = /^(.*\brun )(\S.*)$/.exec(a.error.action);
      if (cmd) {
        action.appendChild(document.createTextNode(cmd[1] ?? ''));
        action.appendChild(el('code', '', cmd[2] ?? ''));
      } else action.textContent = a.error.action;
      box.appendChild(action);
      card.appendChild(box);
    }
    return card;
  }

  function renderProviders(state: DashboardState, now: Date): void {
    const root = $('providers-body');
    root.textContent = '';
    for (const p of state.providers) {
      const box = el('section', 'provider');
      box.setAttribute('data-provider', p.id);
      const h = el('h3', '', p.displayName);
      h.id = `provider-${p.id}`;
      box.setAttribute('aria-labelledby', h.id);
      h.appendChild(
        el('span', 'count', `${p.accounts.length} ${p.accounts.length === 1 ? 'account' : 'accounts'}`),
      );
      box.appendChild(h);
      if (state.canSignIn && p.signIn.methods.length > 0) box.appendChild(addAccount(page, p));
      if (p.accounts.length === 0) {
        const empty = el('div', 'empty', 'No accounts. Sign in with: ');
        empty.appendChild(el('code', '', p.signIn.command));
        box.appendChild(empty);
      } else {
        const grid = el('div', 'grid');
        for (const a of p.accounts) grid.appendChild(accountCard(p, a, now));
        box.appendChild(grid);
      }
      root.appendChild(box);
    }
  }

  function renderModels(state: DashboardState): void {
    const root = $('models-body');
    root.textContent = '';
    for (const p of state.providers) root.appendChild(providerModels(page, p, state.canEditModels));
  }

  function renderUsage(answer: UsageAnswer): void {
    const root = $('usage-body');
    root.textContent = '';
    if (!answer.available) {
      root.appendChild(el('p', 'note', 'No usage ledger here.'));
      return;
    }
    const max = Math.max(1, ...answer.days.map((d) => d.totalTokens));
    // The bars are for the eye; the same numbers are in the table below for screen readers.
    const chart = el('div', 'chart');
    chart.setAttribute('aria-hidden', 'true');
    for (const d of answer.days) {
      const col = el('div', 'col');
      col.title = `${d.day}: ${num(d.totalTokens)} tokens, ${d.requests} requests`;
      const bar = el('span', 'bar-v');
      bar.style.height = `${Math.round((d.totalTokens / max) * 100)}%`;
      col.appendChild(bar);
      col.appendChild(el('span', 'col-label', d.day.slice(8)));
      chart.appendChild(col);
    }
    root.appendChild(chart);
    root.appendChild(
      el(
        'p',
        'note',
        `Last 14 days: ${num(answer.total.requests)} requests, ${num(answer.total.totalTokens)} tokens (ccs usage has more).`,
      ),
    );
    const table = tableWithHead('usage-table', ['Day', 'Requests', 'Input', 'Cached', 'Output', 'Total']);
    table.prepend(el('caption', '', 'Tokens per day'));
    const body = el('tbody');
    for (const d of answer.days) {
      if (d.requests === 0) continue;
      const tr = el('tr');
      for (const v of [
        d.day,
        num(d.requests),
        num(d.inputTokens),
        num(d.cachedInputTokens),
        num(d.outputTokens),
        num(d.totalTokens),
      ])
        tr.appendChild(el('td', '', v));
      body.appendChild(tr);
    }
    table.appendChild(body);
    if (body.childElementCount > 0) root.appendChild(table);
  }

  /**
   * Whether the person is in the middle of something in this section — an open editor or rename form, a
   * sign-in being followed, a field typed into or focused — so a periodic reload must not rebuild it.
   */
  function inUse(root: HTMLElement): boolean {
    const active = document.activeElement;
    if (active && root.contains(active) && /^(INPUT|SELECT)$/.test(active.tagName)) return true;
    if (root.querySelector('.slot-editor form, .card form, .login-progress > *')) return true;
    return Array.from(root.querySelectorAll('input')).some((input) => input.value !== '');
  }

  function render(state: DashboardState, background: boolean): void {
    const now = new Date();
    if (!background || !inUse($('providers-body'))) renderProviders(state, now);
    if (!background || !inUse($('models-body'))) renderModels(state);
    let oldest: string | null = null;
    let cached = false;
    for (const p of state.providers)
      for (const a of p.accounts) {
        if (a.fetchedAt && (!oldest || a.fetchedAt < oldest)) oldest = a.fetchedAt;
        if (a.cached) cached = true;
      }
    $('asof').textContent = asOf(oldest ?? state.generatedAt, cached);
  }

  let busy: Promise<void> | null = null;
  /** Reads and shows the data; `background` (the minute timer) leaves sections in use alone. */
  function load(refresh: boolean, background = false): Promise<void> {
    // A reload after a write must not be lost behind a periodic one still running: it runs next.
    if (busy) return background ? busy : busy.then(() => load(refresh));
    const refreshButton = $('refresh') as HTMLButtonElement;
    refreshButton.disabled = true;
    busy = Promise.all([
      api<DashboardState>(`/api/dashboard/state${refresh ? '?refresh=1' : ''}`).then((state) =>
        render(state, background),
      ),
      api<UsageAnswer>('/api/dashboard/usage').then(renderUsage),
    ])
      .then(() => {
        if (refresh) status('Refreshed.');
      })
      .catch((e: Error) => status(e.message, true))
      .then(() => {
        busy = null;
        refreshButton.disabled = false;
      });
    return busy;
  }

  /** The live request log: server-sent events read through fetch (EventSource cannot send the token). */
  function follow(): void {
    const list = $('log-body');
    const add = (line: string, cls = '') => {
      if (list.firstElementChild?.classList.contains('placeholder')) list.textContent = '';
      list.appendChild(el('li', cls, line));
      while (list.childElementCount > 200) list.firstElementChild?.remove();
    };
    fetch('/api/dashboard/log', { headers: { 'x-ccs-dashboard-token': token }, cache: 'no-store' })
      .then((res) => {
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        const pump = (): Promise<void> =>
          reader.read().then(({ done, value }) => {
            if (done) return;
            buffer += decoder.decode(value, { stream: true });
            let end = buffer.indexOf('\n\n');
            while (end !== -1) {
              const event = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = event
                .split('\n')
                .filter((l) => l.startsWith('data: '))
                .map((l) => l.slice(6))
                .join(' ');
              if (event.startsWith('event: unavailable')) add(data, 'note');
              else if (data) add(data);
              end = buffer.indexOf('\n\n');
            }
            return pump();
          });
        return pump();
      })
      .catch(() => add('The request log stopped; reload the page to follow it again.', 'note'));
  }

  const page: Page = { api, post, status, load };

  $('refresh').addEventListener('click', () => {
    void load(true);
  });
  // Every minute; inside the provider's 2-minute cache window this reads the cache, not the upstream.
  setInterval(() => {
    void load(false, true);
  }, 60000);
  void load(false);
  follow();
}
