export interface PageContent {
  title: string;
  message: string;
  /** A short machine code shown small (e.g. access_denied); never a secret. */
  code?: string;
  /** What the user can do next. */
  help?: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML: error descriptions come from the redirect URL, i.e. from anyone. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function page(kind: 'success' | 'error', content: PageContent): string {
  const accent = kind === 'success' ? '#10a37f' : '#d14343';
  const code = content.code ? `<p class="code">${escapeHtml(content.code)}</p>` : '';
  const help = content.help ? `<p class="help">${escapeHtml(content.help)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f7f7f8;color:#202123;display:flex;min-height:100vh;margin:0;align-items:center;justify-content:center}
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:2.5rem 3rem;max-width:32rem;text-align:center}
h1{color:${accent};font-size:1.4rem;margin:0 0 1rem}p{line-height:1.5;margin:.5rem 0}.code{color:#6e6e80;font-family:monospace;font-size:.85rem}.help{color:#6e6e80}
</style></head>
<body><main><h1>${escapeHtml(content.title)}</h1><p>${escapeHtml(content.message)}</p>${code}${help}</main></body></html>
`;
}

export const successPage = (content: PageContent) => page('success', content);
export const errorPage = (content: PageContent) => page('error', content);
