/**
 * The page's stylesheet. Colours are chosen for WCAG AA on their backgrounds (text ≥ 4.5:1): slate
 * text on white, and status colours dark enough to read as text, not just as bars.
 */
export const DASHBOARD_CSS = `
:root{--bg:#f4f6f9;--card:#fff;--text:#1b2330;--muted:#4f5b6b;--line:#dde3ea;--accent:#1f5fbf;
--accent-bg:#e8f0fc;--ok:#1d7a46;--warn:#8a5a00;--bad:#b42318;--bad-bg:#fdeceb;--track:#e6eaf0;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);
background:var(--bg);line-height:1.45}
*{box-sizing:border-box}
body{margin:0}
header.top{background:#14213d;color:#fff}
header.top .inner{max-width:1320px;margin:0 auto;padding:14px 28px;display:flex;align-items:center;gap:16px;flex-wrap:wrap}
header.top h1{font-size:1.15rem;margin:0;font-weight:650;letter-spacing:.01em}
header.top .sub{color:#c9d3e3;font-size:.9rem}
header.top .spacer{flex:1}
header.top .asof{color:#dfe6f1;font-size:.88rem}
button{font:inherit;font-size:.88rem;border-radius:6px;padding:6px 14px;cursor:pointer;border:1px solid var(--accent);
background:var(--accent);color:#fff}
button:hover{background:#174a96}
button:disabled{opacity:.6;cursor:progress}
button.secondary{background:#fff;color:var(--accent)}
button.secondary:hover{background:var(--accent-bg)}
header.top button{background:#fff;color:#14213d;border-color:#fff}
header.top button:hover{background:#dfe6f1}
main{max-width:1320px;margin:0 auto;padding:20px 28px 40px;background:var(--bg)}
nav.crumbs{color:var(--muted);font-size:.88rem;margin-bottom:4px}
h2{font-size:1.25rem;margin:4px 0 6px}
section+section{margin-top:36px}
h3{font-size:1.05rem;margin:26px 0 10px;display:flex;align-items:baseline;gap:10px}
h3 .count{color:var(--muted);font-weight:400;font-size:.9rem}
p{margin:6px 0}
p.note{color:var(--muted);font-size:.9rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(400px,1fr));gap:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;
box-shadow:0 1px 2px rgba(20,33,61,.05)}
.card.is-default{border-color:#9dbbe8;box-shadow:0 0 0 1px #9dbbe8}
.acct-head{display:flex;align-items:flex-start;gap:10px}
.acct-head .who{flex:1;min-width:0}
.nick{font-weight:650;font-size:1.05rem}
.email{color:var(--muted);font-size:.9rem;overflow-wrap:anywhere}
.badge{display:inline-block;font-size:.75rem;font-weight:600;padding:1px 8px;border-radius:999px;margin-left:6px;
vertical-align:2px;border:1px solid var(--line);color:var(--muted);background:#f7f9fb}
.badge.default{background:var(--accent-bg);color:#174a96;border-color:#b8cdf0}
.meta{color:var(--muted);font-size:.84rem;margin-top:8px;display:flex;gap:6px;flex-wrap:wrap}
.meta>span+span::before{content:"\\00b7";margin-right:6px}
.win{margin-top:14px}
.win-top{display:flex;justify-content:space-between;gap:12px;font-size:.92rem}
.win-label{font-weight:600}
.win-use{font-variant-numeric:tabular-nums}
.win-use.warn{color:var(--warn)}.win-use.bad{color:var(--bad)}
.bar{height:8px;background:var(--track);border-radius:999px;overflow:hidden;margin:6px 0 4px}
.bar>span{display:block;height:100%;background:var(--ok);border-radius:999px}
.bar.warn>span{background:#c98a00}.bar.bad>span{background:var(--bad)}
.win-reset{color:var(--muted);font-size:.84rem;font-variant-numeric:tabular-nums}
.schedule{margin-top:12px;padding-top:10px;border-top:1px solid var(--line);font-size:.88rem}
.error{margin-top:12px;background:var(--bad-bg);border:1px solid #f3b8b2;border-radius:8px;padding:10px 12px;
color:var(--bad);font-size:.9rem}
.error .action{color:var(--text);margin-top:4px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;background:#eef1f5;
padding:1px 5px;border-radius:4px;color:var(--text)}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;
overflow:hidden;font-size:.92rem}
th,td{text-align:left;padding:9px 14px;border-bottom:1px solid var(--line)}
th{background:#f7f9fb;color:var(--muted);font-weight:600;font-size:.82rem;text-transform:uppercase;letter-spacing:.04em}
tr:last-child td{border-bottom:0}
.empty{background:var(--card);border:1px dashed var(--line);border-radius:10px;padding:16px 18px;color:var(--muted)}
#status{font-size:.9rem;color:var(--muted)}
#status:empty{display:none}
#status:not(:empty){margin:8px 0;padding:8px 12px;background:var(--card);border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:6px}
#status.bad:not(:empty){border-left-color:var(--bad)}
#status.bad{color:var(--bad)}
.actions{display:flex;gap:8px;flex-wrap:wrap;margin-top:10px}
button.danger{color:var(--bad);border-color:#d99a94}
button.danger:hover{background:var(--bad-bg)}
form.rename{display:flex;gap:8px;align-items:flex-end;margin-top:10px}
form.rename label,form.rename .field{display:flex;flex-direction:column;font-size:.84rem;color:var(--muted);gap:2px}
form.rename{flex-wrap:wrap}
form.rename input,form.rename select{font:inherit;font-size:.92rem;padding:5px 8px;border:1px solid #8a96a8;border-radius:6px;
color:var(--text);background:#fff;max-width:100%}
.slot-editor form{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 14px}
td button{padding:3px 10px}
p.note button{margin-left:4px;padding:2px 10px}
.add-account{margin:0 0 12px}
.login-progress p{margin:4px 0}
.chart{display:flex;align-items:flex-end;gap:6px;height:140px;background:var(--card);border:1px solid var(--line);
border-radius:10px;padding:12px 14px 4px}
.chart .col{flex:1;height:100%;display:flex;flex-direction:column;justify-content:flex-end;align-items:center}
.chart .bar-v{display:block;width:100%;max-width:36px;background:var(--accent);border-radius:4px 4px 0 0;min-height:1px}
.chart .col-label{font-size:.75rem;color:var(--muted);margin-top:4px}
table.usage-table{margin-top:10px}
caption{text-align:left;padding:8px 14px;color:var(--muted);font-size:.88rem}
ol.log{list-style:none;margin:0;padding:10px 14px;background:#0f1726;color:#e4e9f2;border-radius:10px;max-height:280px;
overflow:auto;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8rem}
ol.log li{padding:2px 0;white-space:pre-wrap;overflow-wrap:anywhere}
ol.log li.note,ol.log li.placeholder{color:#c3ccd9}
@media (max-width:720px){.grid{grid-template-columns:1fr}main{padding:16px}header.top .inner{padding:12px 16px}}
`;
