import { button, el, labelled, type Page, type ProviderState } from './client-dom.js';

// Adding an account from the page, in each of the provider's own ways: browser sign-in (the page opens
// the provider's URL in a new tab; the provider redirects to ccs's callback server), a device code, or an
// API key typed into a password field and sent only in the POST body (never shown or kept by the page).

interface LoginJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  url: string | null;
  lines: string[];
  message: string | null;
}

/**
 * For a browser sign-in whose redirect cannot reach ccs's callback server (ccs runs on another machine):
 * the address the sign-in tab ended on, pasted here, goes to the waiting sign-in, as in a terminal.
 */
function pasteForm(page: Page, job: LoginJob): HTMLFormElement {
  const form = el('form', 'rename paste');
  const address = el('input');
  address.name = 'redirect';
  address.autocomplete = 'off';
  address.spellcheck = false;
  form.appendChild(labelled('Address the sign-in tab ended on (if it could not reach ccs)', address));
  const use = el('button', 'secondary', 'Use this address');
  use.type = 'submit';
  form.appendChild(use);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = address.value.trim();
    if (!url) return;
    use.disabled = true;
    page
      .api<{ ok: true }>('/api/dashboard/login/paste', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: job.id, url }),
      })
      .then(() => {
        address.value = '';
        use.disabled = false;
      })
      .catch((e: Error) => {
        use.disabled = false;
        page.status(e.message, true);
      });
  });
  return form;
}

/**
 * Follows a sign-in started from the page until it ends: its lines and link in `box`'s first child
 * (redrawn each second), and the paste form once (so what is typed into it stays).
 */
function followLogin(page: Page, box: HTMLElement, job: LoginJob, browser: boolean): void {
  let lines = box.querySelector<HTMLElement>('.login-lines');
  if (!lines) {
    box.textContent = '';
    lines = el('div', 'login-lines');
    box.appendChild(lines);
  }
  lines.textContent = '';
  for (const line of job.lines) lines.appendChild(el('p', 'note', line));
  if (job.url) {
    const link = el('a', '', 'Open the sign-in page');
    link.href = job.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    const p = el('p');
    p.appendChild(link);
    lines.appendChild(p);
    if (browser && job.state === 'running' && !box.querySelector('form.paste'))
      box.appendChild(pasteForm(page, job));
  }
  if (job.state === 'running' && !box.querySelector('button.cancel-login')) {
    // Stops the waiting sign-in (its callback server and polling); nothing is saved.
    const cancel = button('Cancel sign-in', 'Cancel sign-in', 'secondary cancel-login');
    cancel.addEventListener('click', () => {
      cancel.disabled = true;
      page
        .api('/api/dashboard/login/cancel', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
        .catch((e: Error) => {
          cancel.disabled = false;
          page.status(e.message, true);
        });
    });
    box.appendChild(cancel);
  }
  if (job.state !== 'running') {
    page.status(job.message ?? '', job.state === 'failed');
    box.textContent = '';
    if (job.state === 'done') void page.load(false);
    return;
  }
  setTimeout(() => {
    page
      .api<{ job: LoginJob | null }>('/api/dashboard/login')
      .then((answer) => {
        if (answer.job && answer.job.id === job.id) followLogin(page, box, answer.job, browser);
      })
      .catch((e: Error) => page.status(e.message, true));
  }, 1000);
}

export function addAccount(page: Page, provider: ProviderState): HTMLElement {
  const box = el('div', 'add-account');
  const form = el('form', 'rename');
  const nickname = el('input');
  nickname.name = 'nickname';
  nickname.maxLength = 64;
  form.appendChild(labelled('Nickname (optional)', nickname));
  const progress = el('div', 'login-progress');
  progress.setAttribute('role', 'status');
  const methods = provider.signIn.methods;
  let key: HTMLInputElement | undefined;
  if (methods.includes('api-key')) {
    key = el('input');
    key.type = 'password';
    key.name = 'api-key';
    key.autocomplete = 'off';
    key.spellcheck = false;
    key.maxLength = 4096;
    form.appendChild(labelled('API key', key));
  }
  const start = (method: 'browser' | 'device' | 'api-key', b: HTMLButtonElement) => {
    const body: Record<string, string> = { provider: provider.id, method };
    if (nickname.value.trim()) body.nickname = nickname.value.trim();
    if (method === 'api-key') {
      const value = key?.value.trim() ?? '';
      if (!value) {
        page.status('Paste the API key first.', true);
        key?.focus();
        return;
      }
      body.apiKey = value;
      // The field is emptied at once: the key lives only in this request.
      if (key) key.value = '';
    }
    b.disabled = true;
    // Opened now, inside the click, so the browser does not block it; pointed at the sign-in URL once known.
    const tab = method === 'browser' ? window.open('about:blank', '_blank') : null;
    page
      .api<LoginJob>('/api/dashboard/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      .then((job) => {
        b.disabled = false;
        if (tab && job.url) tab.location.href = job.url;
        else tab?.close();
        progress.textContent = '';
        followLogin(page, progress, job, method === 'browser');
      })
      .catch((e: Error) => {
        b.disabled = false;
        tab?.close();
        page.status(e.message, true);
      });
  };
  const who = provider.displayName;
  const labels = {
    browser: ['Sign in with browser', `Add a ${who} account: sign in with browser`],
    device: ['Sign in with a device code', `Add a ${who} account: sign in with a device code`],
    'api-key': ['Add API key', `Add API key for ${who}`],
  } as const;
  let keyButton: HTMLButtonElement | undefined;
  methods.forEach((method, i) => {
    const [text, label] = labels[method];
    const b = button(text, label, i === 0 ? '' : 'secondary');
    b.addEventListener('click', () => start(method, b));
    if (method === 'api-key') keyButton = b;
    form.appendChild(b);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (keyButton) start('api-key', keyButton); // Enter in the form saves the key
  });
  box.appendChild(form);
  box.appendChild(progress);
  return box;
}
