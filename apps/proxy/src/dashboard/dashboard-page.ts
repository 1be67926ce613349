import { createHash } from 'node:crypto';
import { DASHBOARD_SCRIPT } from './dashboard-script.js';
import { DASHBOARD_CSS } from './dashboard-style.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * One self-contained document: the static shell reads without JavaScript; the script fills the data
 * in. Nothing in it is secret (the token arrives in the URL fragment), so it is the same for every run.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>ccs dashboard</title>
<style>${DASHBOARD_CSS}</style>
</head>
<body>
<header class="top"><div class="inner">
<h1>ccs dashboard</h1>
<span class="sub">Accounts, quota and models</span>
<span class="spacer"></span>
<span class="asof" id="asof" aria-live="polite"></span>
<button type="button" id="refresh" title="Ask the provider again instead of using the 2-minute cache">Refresh</button>
</div></header>
<main>
<nav class="crumbs" aria-label="Breadcrumb">Dashboard › OAuth Providers</nav>
<div id="status" role="status" aria-live="polite"></div>
<section aria-labelledby="providers-title">
<h2 id="providers-title">OAuth Providers</h2>
<div id="providers-body"><p class="note">Loading accounts and quota…</p></div>
<noscript><p>This page needs JavaScript to show your accounts. In a terminal, <code>ccs cliproxy quota</code> shows the same quota.</p></noscript>
</section>
<section aria-labelledby="models-title">
<h2 id="models-title">Models per Claude Code slot</h2>
<div id="models-body"><p class="note">Loading…</p></div>
</section>
<section aria-labelledby="usage-title">
<h2 id="usage-title">Usage</h2>
<div id="usage-body"><p class="note">Loading…</p></div>
</section>
<section aria-labelledby="log-title">
<h2 id="log-title">Requests</h2>
<p class="note">What <code>--verbose</code> shows, live: model, reasoning effort, account, status, time, tokens.</p>
<ol class="log" id="log-body" aria-label="Request log"><li class="placeholder">No requests yet.</li></ol>
</section>
</main>
<script>${DASHBOARD_SCRIPT}</script>
</body>
</html>
`;

export const DASHBOARD_CSP = [
  "default-src 'none'",
  `script-src ${sha256(DASHBOARD_SCRIPT)}`,
  `style-src ${sha256(DASHBOARD_CSS)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
