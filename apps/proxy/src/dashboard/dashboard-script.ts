/**
 * The page's only script: reads the token from the URL fragment (never sent to the server in the URL,
 * never in the Referer), keeps it in sessionStorage so a reload works, and renders the JSON state with
 * DOM calls (textContent only: names and error texts can never become markup).
 */
export const DASHBOARD_SCRIPT = `
(function () {
  'use strict';
  var KEY = 'ccs-dashboard-token';
  var token = '';
  var hash = /[#&]token=([^&]+)/.exec(location.hash);
  if (hash) {
    token = decodeURIComponent(hash[1]);
    try { sessionStorage.setItem(KEY, token); } catch (e) {}
    history.replaceState(null, '', location.pathname);
  } else {
    try { token = sessionStorage.getItem(KEY) || ''; } catch (e) {}
  }
  var WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var WDL = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
  var MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var PLANS = { free: 'Free', go: 'Go', plus: 'Plus', pro: 'Pro', team: 'Team', business: 'Business',
    enterprise: 'Enterprise', edu: 'Edu' };
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function hm(d) { return pad(d.getHours()) + ':' + pad(d.getMinutes()); }
  function dayTime(d) { return WD[d.getDay()] + ' ' + d.getDate() + ' ' + MON[d.getMonth()] + ' ' + hm(d); }
  function dur(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + 's';
    var m = Math.round(s / 60), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), r = m % 60;
    if (d > 0) return h > 0 ? d + 'd ' + h + 'h' : d + 'd';
    if (h > 0) return r > 0 ? h + 'h ' + r + 'm' : h + 'h';
    return r + 'm';
  }
  function cap(s) { return s ? s.charAt(0).toUpperCase() + s.slice(1) : s; }
  function planName(p) { return PLANS[String(p).toLowerCase()] || cap(p); }
  function level(pct) { return pct >= 90 ? 'bad' : pct >= 75 ? 'warn' : ''; }
  function usage(w) {
    var pct = Math.round(w.usedPercent);
    if (w.usedPercent >= 100) return 'limit reached';
    if (w.used !== null && w.limit !== null) return w.used + '/' + w.limit + ' messages (' + pct + '% used)';
    return pct + '% used';
  }
  function resetText(iso, now) {
    if (!iso) return '';
    var at = new Date(iso), ms = at.getTime() - now.getTime();
    if (!isFinite(ms)) return '';
    if (ms <= 0) return 'resets now';
    return 'resets in ' + dur(ms) + ' \\u00b7 ' + dayTime(at);
  }
  function asOf(iso, cached) {
    return 'as of ' + hm(new Date(iso)) + (cached ? ', cached' : '');
  }

  function api(path, init) {
    init = init || {};
    init.headers = Object.assign({ 'x-ccs-dashboard-token': token }, init.headers || {});
    init.cache = 'no-store';
    init.credentials = 'omit';
    return fetch(path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (res.ok) return body;
        var msg = body && body.error && body.error.message ? body.error.message : 'HTTP ' + res.status;
        if (res.status === 401) msg = 'This page needs the link ccs printed (it ends in #token=\\u2026). Run ccs dashboard again.';
        throw new Error(msg);
      });
    });
  }
  function status(text, bad) { var s = $('status'); s.textContent = text; s.className = bad ? 'bad' : ''; }

  function windowRow(w, now) {
    var row = el('div', 'win');
    var top = el('div', 'win-top');
    top.appendChild(el('span', 'win-label', cap(w.label)));
    top.appendChild(el('span', 'win-use ' + level(w.usedPercent), usage(w)));
    row.appendChild(top);
    var bar = el('div', 'bar ' + level(w.usedPercent));
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-label', cap(w.label) + ' usage');
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', '100');
    bar.setAttribute('aria-valuenow', String(Math.round(w.usedPercent)));
    var fill = el('span');
    fill.style.width = Math.min(100, Math.max(0, w.usedPercent)) + '%';
    bar.appendChild(fill);
    row.appendChild(bar);
    var reset = resetText(w.resetsAt, now);
    if (reset) row.appendChild(el('div', 'win-reset', reset));
    return row;
  }

  function accountCard(provider, a, now) {
    var card = el('article', 'card' + (a.default ? ' is-default' : ''));
    card.setAttribute('data-account', a.nickname);
    var head = el('div', 'acct-head');
    var who = el('div', 'who');
    var nick = el('div', 'nick', a.nickname);
    if (a.plan) nick.appendChild(el('span', 'badge plan', planName(a.plan)));
    if (a.default) nick.appendChild(el('span', 'badge default', 'Default'));
    who.appendChild(nick);
    if (a.email) who.appendChild(el('div', 'email', a.email));
    head.appendChild(who);
    if (!a.default) {
      var make = el('button', 'secondary', 'Make default');
      make.type = 'button';
      make.setAttribute('aria-label', 'Make ' + a.nickname + ' the default account');
      make.addEventListener('click', function () {
        make.disabled = true;
        api('/api/dashboard/default', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ provider: provider.id, account: a.key }),
        }).then(function () {
          status(a.nickname + ' is now the default account.');
          return load(false);
        }).catch(function (e) { make.disabled = false; status(e.message, true); });
      });
      head.appendChild(make);
    }
    card.appendChild(head);
    var meta = el('div', 'meta');
    meta.appendChild(el('span', '', a.lastUsedAt ? 'Last used ' + dur(now - new Date(a.lastUsedAt)) + ' ago' : 'Not used yet'));
    if (a.fetchedAt) meta.appendChild(el('span', 'asof', asOf(a.fetchedAt, a.cached)));
    if (a.credits && a.credits.hasCredits)
      meta.appendChild(el('span', '', 'Credits: ' + (a.credits.unlimited ? 'unlimited' : a.credits.balance)));
    card.appendChild(meta);
    a.windows.forEach(function (w) { card.appendChild(windowRow(w, now)); });
    if (!provider.reportsQuota) card.appendChild(el('p', 'note', 'This provider does not report quota.'));
    if (a.weeklyResetAt) {
      var at = new Date(a.weeklyResetAt);
      card.appendChild(el('div', 'schedule', 'Weekly reset: ' + WDL[at.getDay()] + ' at ' + hm(at)));
    }
    if (a.error) {
      var box = el('div', 'error');
      box.setAttribute('role', 'alert');
      box.appendChild(el('div', '', a.error.message));
      var action = el('div', 'action');
      var cmd = /^(.*\\brun )(\\S.*)$/.exec(a.error.action);
      if (cmd) {
        action.appendChild(document.createTextNode(cmd[1]));
        action.appendChild(el('code', '', cmd[2]));
      } else action.textContent = a.error.action;
      box.appendChild(action);
      card.appendChild(box);
    }
    return card;
  }

  function renderProviders(state, now) {
    var root = $('providers-body');
    root.textContent = '';
    state.providers.forEach(function (p) {
      var h = el('h3', '', p.id === 'codex' ? 'Codex' : p.displayName);
      h.id = 'provider-' + p.id;
      h.appendChild(el('span', 'count', p.accounts.length + (p.accounts.length === 1 ? ' account' : ' accounts')));
      root.appendChild(h);
      if (p.accounts.length === 0) {
        root.appendChild(el('div', 'empty', 'No accounts. Sign in with: ccs ' + p.id + ' --auth'));
        return;
      }
      var grid = el('div', 'grid');
      p.accounts.forEach(function (a) { grid.appendChild(accountCard(p, a, now)); });
      root.appendChild(grid);
    });
  }

  function renderModels(state) {
    var root = $('models-body');
    root.textContent = '';
    if (state.modelsError) { root.appendChild(el('div', 'error', state.modelsError)); return; }
    if (!state.models) { root.appendChild(el('p', 'note', 'No model settings.')); return; }
    var m = state.models;
    root.appendChild(el('p', 'note', 'From ' + m.source + '. Default effort: ' + (m.effort || 'per slot') + '.'));
    var table = el('table');
    var head = el('tr');
    ['Slot', 'Model', 'Max effort', 'Available on'].forEach(function (t) {
      var th = el('th', '', t); th.scope = 'col'; head.appendChild(th);
    });
    var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
    var body = el('tbody');
    m.slots.forEach(function (s) {
      var tr = el('tr');
      tr.appendChild(el('td', '', cap(s.slot)));
      var td = el('td');
      td.appendChild(el('code', '', s.model));
      if (s.displayName) td.appendChild(document.createTextNode(' ' + s.displayName));
      tr.appendChild(td);
      tr.appendChild(el('td', '', s.maxEffort || 'unknown'));
      tr.appendChild(el('td', '', s.plans ? s.plans.map(planName).join(', ') : 'All plans'));
      body.appendChild(tr);
    });
    table.appendChild(body);
    root.appendChild(table);
  }

  function render(state) {
    var now = new Date();
    renderProviders(state, now);
    renderModels(state);
    var oldest = null, cached = false;
    state.providers.forEach(function (p) {
      p.accounts.forEach(function (a) {
        if (a.fetchedAt && (!oldest || a.fetchedAt < oldest)) oldest = a.fetchedAt;
        if (a.cached) cached = true;
      });
    });
    $('asof').textContent = asOf(oldest || state.generatedAt, cached);
  }

  var busy = false;
  function load(refresh) {
    if (busy) return Promise.resolve();
    busy = true;
    var button = $('refresh');
    button.disabled = true;
    return api('/api/dashboard/state' + (refresh ? '?refresh=1' : ''))
      .then(function (state) { render(state); if (refresh) status('Refreshed.'); })
      .catch(function (e) { status(e.message, true); })
      .then(function () { busy = false; button.disabled = false; });
  }
  $('refresh').addEventListener('click', function () { load(true); });
  // Every minute; inside the provider's 2-minute cache window this reads the cache, not the upstream.
  setInterval(function () { load(false); }, 60000);
  load(false);
})();
`;
