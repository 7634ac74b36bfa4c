/**
 * The dashboard's style sheet, inlined into the page so that it needs no network (category colours
 * come from category-palette.ts, one per category). Colours come in
 * light and dark pairs (prefers-color-scheme) chosen for at least 4.5:1 contrast of text; outcomes
 * are written out in words as well as coloured.
 */
export const DASHBOARD_CSS = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--link:#0550ae;--focus:#0969da;
--pass:#116329;--pass-bg:#dafbe1;--fail:#a40e26;--fail-bg:#ffebe9;--warn:#7d4e00;--warn-bg:#fff8c5;--pending:#6e4b00;--pending-bg:#fff1d6;
--inconclusive:#57606a;--inconclusive-bg:#eaeef2;--waived:#6639ba;--waived-bg:#fbefff;--na:#57606a;--na-bg:#f6f8fa;--bar:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--ink:#e6edf3;--muted:#9da7b3;--line:#30363d;--link:#6cb6ff;--focus:#58a6ff;
--pass:#7ee787;--pass-bg:#12261e;--fail:#ffa198;--fail-bg:#3a1619;--warn:#f2cc60;--warn-bg:#2f2610;--pending:#f0b866;--pending-bg:#2e2213;
--inconclusive:#b1bac4;--inconclusive-bg:#21262d;--waived:#d2a8ff;--waived-bg:#271c3a;--na:#9da7b3;--na-bg:#1c2128;--bar:#58a6ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--card);padding:.5em 1em;z-index:1}
.skip:focus{left:.5em}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
main,footer{overflow-wrap:anywhere}
header{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;padding-top:16px}
header h1{font-size:1.35em;margin:0;flex:1 1 auto;overflow-wrap:anywhere}
header p{margin:0;color:var(--muted);flex-basis:100%}
button{font:inherit;padding:.45em 1em;border-radius:6px;border:1px solid var(--line);background:var(--card);color:var(--ink);cursor:pointer}
button:hover{border-color:var(--focus)}
button[disabled]{opacity:.6;cursor:progress}
[data-testid=progress]{flex-basis:100%;color:var(--muted)}
[data-testid=progress] ul{margin:.25em 0;padding-left:1.2em;columns:2 16em}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;margin:16px 0}
h2{font-size:1.15em;margin:.2em 0 .6em}
h3{font-size:1em;margin:0}
.summary{display:grid;grid-template-columns:minmax(180px,260px) 1fr;gap:16px;align-items:center}
.gauge-wrap{text-align:center}
.gauge{width:100%;max-width:240px;display:block;margin:0 auto}
.gauge-track{fill:var(--line)}
.gauge-tick{stroke:var(--ink);stroke-width:3}
.gauge-label{fill:var(--ink);font-size:12px}
.big{font-size:2.4em;font-weight:700;margin:-.5em 0 0;line-height:1.1}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px 16px;margin:0}
.facts div{border-left:3px solid var(--line);padding-left:8px}
.facts dt{color:var(--muted);font-size:.85em}
.facts dd{margin:0;font-weight:600}.facts dd.muted{font-weight:400;font-size:.9em}
.chip{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.35em;vertical-align:-.05em;border:1px solid var(--line)}
.verdict.ready{color:var(--pass)}.verdict.not-ready{color:var(--fail)}
.o{display:inline-block;padding:0 .5em;border-radius:1em;font-size:.85em;font-weight:600;white-space:nowrap}
.o-pass{color:var(--pass);background:var(--pass-bg)}.o-fail{color:var(--fail);background:var(--fail-bg)}
.o-warn{color:var(--warn);background:var(--warn-bg)}.o-pending{color:var(--pending);background:var(--pending-bg)}
.o-inconclusive{color:var(--inconclusive);background:var(--inconclusive-bg)}.o-waived{color:var(--waived);background:var(--waived-bg)}
.o-na{color:var(--na);background:var(--na-bg)}
.o-stale{color:var(--inconclusive);background:var(--inconclusive-bg);box-shadow:inset 0 0 0 1px var(--inconclusive)}
ol.items{list-style:none;margin:0;padding:0}
ol.items>li{border-top:1px solid var(--line);padding:8px 0}
ol.items>li:first-child{border-top:0}
.todo{margin:.2em 0}
.to-ready{border-left:3px solid var(--focus);padding:2px 0 2px 10px;margin:0 0 10px}
.to-ready p{margin:0}.to-ready ul{margin:.2em 0 0;padding-left:1.2em}
.muted,small{color:var(--muted)}
pre{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;max-height:16em;font-size:.85em;margin:.3em 0}
details>summary{cursor:pointer}
.cat-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px;margin:14px 0 6px}
.bar{flex:1 1 120px;height:8px;background:var(--line);border-radius:4px;overflow:hidden;min-width:80px}
.bar span{display:block;height:100%;background:var(--bar)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-top:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
thead th{border-top:0;color:var(--muted);font-weight:600;font-size:.85em;white-space:nowrap}
tbody th{font-weight:500}
.stale{color:var(--warn);font-weight:600}
.ref{white-space:nowrap}
.chart{width:100%;height:auto;display:block}
.chart-narrow{display:none}
.chart-narrow .axis{font-size:12px}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .axis{fill:var(--muted);font-size:11px;paint-order:stroke;stroke:var(--card);stroke-width:3px;stroke-linejoin:round}
.chart .empty{fill:var(--muted);font-size:14px}
.chart .threshold{stroke:var(--fail);stroke-width:1.5;stroke-dasharray:6 4}
.chart .score-line{fill:none;stroke:var(--ink);stroke-width:2.5}
.cat{fill:none;stroke-width:1.6}
.chart circle{fill:var(--ink);stroke:var(--card);stroke-width:1}
.chart circle:hover{r:6;fill:var(--focus)}
.chart .score-now{fill:none;stroke:var(--ink);stroke-width:2.5;stroke-dasharray:5 4}
.chart .now-line{stroke:var(--muted);stroke-width:1;stroke-dasharray:2 3}
.chart circle.now{fill:var(--card);stroke:var(--ink);stroke-width:2.5}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:8px 0 0;font-size:.9em}
.overlap{margin:.4em 0 0;font-size:.9em}
.key{display:inline-block;width:1.2em;height:.3em;vertical-align:middle;margin-right:.35em;background:var(--ink)}
.key-line{display:inline-block;width:1.6em;height:.55em;vertical-align:middle;margin-right:.35em}.key-line .cat{stroke-width:2.5}
.key.t{background:none;border-top:2px dashed var(--fail)}
.key.now{width:.8em;height:.8em;border-radius:50%;background:var(--card);border:2px solid var(--ink)}
.strip{display:flex;flex-wrap:wrap;padding:0;margin:0;list-style:none}
.strip li{display:block}
.strip a,.strip>li>span{display:block;width:24px;height:24px;padding:3px 6px;background-clip:content-box;border-radius:4px;background-color:var(--inconclusive)}
.strip .r-success{background-color:var(--pass)}.strip .r-failure{background-color:var(--fail)}.strip .r-running{background-color:var(--pending)}
.strip .r-cancelled,.strip .r-skipped{background-color:var(--na);opacity:.6}
.deploy-env+.deploy-env{margin-top:8px}
.vcharts{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:8px 16px;margin:6px 0}
.vchart-box{margin:0}.vchart-box figcaption{font-size:.9em}.vchart-box p{margin:0;font-size:.85em}
.vchart{width:100%;height:auto;display:block}
.vchart .grid{stroke:var(--line);stroke-width:1}
.vchart .axis{fill:var(--muted);font-size:11px}
.vchart .empty{fill:var(--muted);font-size:13px}
.vchart .threshold{stroke:var(--fail);stroke-width:1.5;stroke-dasharray:6 4}
.vchart .sample-line{fill:none;stroke:var(--ink);stroke-width:1.5}
.vchart .baseline-line{fill:none;stroke:var(--muted);stroke-width:1.5;stroke-dasharray:2 3}
.vchart .met{fill:var(--pass)}
.vchart .missed{fill:var(--card);stroke:var(--fail);stroke-width:2}
.vchart .wbar{fill:var(--bar)}.vchart .wbar-part{fill:var(--card);stroke:var(--bar);stroke-width:1.5}.vchart .wbar-none{fill:var(--muted)}
.lv-elite{color:var(--pass);background:var(--pass-bg)}.lv-high{color:var(--waived);background:var(--waived-bg)}
.lv-medium{color:var(--warn);background:var(--warn-bg)}.lv-low{color:var(--fail);background:var(--fail-bg)}
nav.pages{flex-basis:100%;display:flex;gap:4px 16px;flex-wrap:wrap}nav.pages a[aria-current=page]{font-weight:700;color:var(--ink)}
form.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:end}form.filters label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted)}
input,select{font:inherit;padding:.35em .5em;border-radius:6px;border:1px solid var(--line);background:var(--card);color:var(--ink)}
ul.plain{list-style:none;margin:0;padding:0}
.metrics-part+.metrics-part{margin-top:16px}
th a.sort{color:inherit}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{color:var(--muted);font-size:.85em;padding-bottom:24px}
@media (max-width:640px){
body{font-size:15px}
.chart-wide{display:none}.chart-narrow{display:block}
.summary{grid-template-columns:1fr}
.gauge{max-width:200px}
header{padding-top:10px}
section{padding:10px;margin:12px 0;border-radius:8px}
header,main,footer{padding:0 8px}
.gates thead{display:none}
.gates tr{display:block;border-top:1px solid var(--line);padding:6px 0}
.gates th,.gates td{display:block;border:0;padding:1px 0}
.gates td[data-label]::before,.gt td::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85em}
.gt td:nth-of-type(1)::before{content:"Outcome: "}.gt td:nth-of-type(2)::before{content:"Source: "}.gt td:nth-of-type(3)::before{content:"Observed: "}
}
@media print{.live,.skip{display:none}section{break-inside:avoid}}
`
  .replace(/\n/g, "")
  .trim();
