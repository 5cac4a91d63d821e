using System.Security.Cryptography;
using System.Text;

namespace MusiVault.Engine.Report;

/// <summary>
/// The report's inline style and script. The script only reads the JSON island and builds elements with DOM APIs
/// (textContent, never innerHTML), so no name from the data can become markup. Its SHA-256 goes into the page's
/// Content-Security-Policy: any other script, even one smuggled in by an escaping bug, is refused by the browser,
/// as is every network request.
/// </summary>
internal static class ReportAssets
{
    public const string Style = """
:root{--bg:#fff;--fg:#1b1b1f;--muted:#5f6368;--card:#f4f5f7;--line:#d6d8dc;--a:#1db954;--b:#3b82f6;--c:#e4572e;--d:#f2a541;--e:#8e6cc9;--link:#0b57d0}
@media (prefers-color-scheme:dark){:root{--bg:#121214;--fg:#e8e8ea;--muted:#a0a3a8;--card:#1f2024;--line:#3a3c42;--link:#8ab4f8}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;overflow-wrap:anywhere}
header,main{max-width:1100px;margin:0 auto;padding:0 16px}
header{padding-top:20px}
h1{font-size:1.6em;margin:0 0 4px}
h2{font-size:1.3em;margin:32px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:1.05em;margin:20px 0 8px}
a{color:var(--link)}
.muted{color:var(--muted)}
nav{display:flex;flex-wrap:wrap;gap:6px 14px;margin:10px 0 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:10px}
.card{background:var(--card);border-radius:10px;padding:10px 12px}
.card .num{display:block;font-size:1.5em;font-weight:650;font-variant-numeric:tabular-nums}
.card .lbl{color:var(--muted);font-size:.9em}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:14px 0}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.notice{background:var(--card);border-left:4px solid var(--d);padding:10px 14px;border-radius:6px}.notice ul{margin:6px 0 0}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
.chart{margin:12px 0 20px}
.chart figcaption{font-weight:600;margin-bottom:4px}
.chart svg{width:100%;height:auto;display:block}
svg text{fill:var(--muted);font-size:12px}
svg .ylab{text-anchor:end}svg .xlab{text-anchor:middle}
svg .axis{stroke:var(--line)}
svg .hit{fill:transparent}
svg .pt:hover .hit,svg .pt:focus .hit{fill:var(--line);fill-opacity:.5}
svg .s-liked{fill:var(--a)}svg .s-added{fill:var(--b)}svg .s-removed{fill:var(--c)}svg .s-unliked{fill:var(--d)}svg .s-unavail{fill:var(--e)}svg .s-hours{fill:var(--a)}
svg .cell{fill:var(--a)}svg .cell:hover,svg .cell:focus{stroke:var(--fg)}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;padding:0;margin:0 0 6px;font-size:.9em}
.legend .key{width:10px;height:10px;display:inline-block;margin-right:5px;vertical-align:baseline}
#tip{position:fixed;z-index:10;pointer-events:none;background:var(--fg);color:var(--bg);padding:4px 8px;border-radius:6px;font-size:13px;max-width:80vw}
#tip[hidden]{display:none}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.95em}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;color:inherit;cursor:pointer}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
input[type=search]{font:inherit;width:100%;max-width:420px;padding:7px 10px;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--fg)}
.years details,.pl{border:1px solid var(--line);border-radius:8px;padding:6px 12px;margin:8px 0}
summary{cursor:pointer;font-weight:600}
.tops{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:6px 18px}
.tops ol{padding-left:1.6em;margin:4px 0}
#results{list-style:none;padding:0}
#results .name{unicode-bidi:isolate}
#results li{padding:5px 0;border-bottom:1px solid var(--line)}
.thumb{width:48px;height:48px;object-fit:cover;border-radius:4px;vertical-align:middle;margin-right:8px}
footer{max-width:1100px;margin:40px auto 20px;padding:0 16px;color:var(--muted);font-size:.85em}
@media (max-width:600px){body{font-size:14px}th,td{padding:4px 5px}.facts{grid-template-columns:1fr}.facts dd{margin-bottom:6px}}
@media print{nav,input,#tip,.noprint{display:none!important}body{font-size:11pt;background:#fff;color:#000}h2{break-after:avoid}.chart,.card,tr{break-inside:avoid}.scroll{overflow:visible}a{color:inherit;text-decoration:none}}
""";

    public const string Script = """
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent);
  function el(tag, text, cls) { var e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }
  function fold(s) { return (s || "").normalize("NFC").toLocaleLowerCase(); }
  function artists(t) { return t[1].join(", "); }

  var tip = document.getElementById("tip");
  function showTip(target, x, y) {
    tip.textContent = target.getAttribute("data-tip");
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(x + 12, window.innerWidth - w - 4)) + "px";
    tip.style.top = Math.max(4, y - h - 12) + "px";
  }
  document.addEventListener("pointerover", function (e) { var t = e.target.closest && e.target.closest("[data-tip]"); if (t) showTip(t, e.clientX, e.clientY); });
  document.addEventListener("pointermove", function (e) { var t = e.target.closest && e.target.closest("[data-tip]"); if (t) showTip(t, e.clientX, e.clientY); else tip.hidden = true; });
  document.addEventListener("pointerleave", function () { tip.hidden = true; });
  document.addEventListener("focusin", function (e) { var t = e.target.closest && e.target.closest("[data-tip]"); if (t) { var r = t.getBoundingClientRect(); showTip(t, r.left, r.top); } else tip.hidden = true; });

  var table = document.getElementById("pl-table");
  if (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    table.querySelectorAll("th button").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode, col = th.cellIndex, numeric = th.classList.contains("n") || th.hasAttribute("data-date");
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var sign = dir === "ascending" ? 1 : -1;
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
          if (numeric) return sign * (Number(x) - Number(y));
          return sign * x.localeCompare(y);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    var filter = document.getElementById("pl-filter"), shown = document.getElementById("pl-shown");
    filter.addEventListener("input", function () {
      var q = fold(filter.value), n = 0;
      rows.forEach(function (r) { var hit = !q || fold(r.cells[0].textContent + " " + r.cells[1].textContent).indexOf(q) >= 0; r.hidden = !hit; if (hit) n++; });
      shown.textContent = n + " of " + rows.length + " playlists";
    });
  }

  function fillPlaylist(details) {
    var box = details.querySelector("[data-pl]");
    if (!box || box.childNodes.length) return;
    var p = data.playlists[Number(box.getAttribute("data-pl"))];
    var t = el("table"), head = t.createTHead().insertRow();
    ["#", "Track", "Artists", "Album", "Added"].forEach(function (h) { head.appendChild(el("th", h)); });
    var tb = t.createTBody();
    p.e.forEach(function (entry, i) {
      var tr = tb.insertRow(), track = data.tracks[entry[0]];
      tr.appendChild(el("td", String(i + 1), "n"));
      tr.appendChild(el("td", track[0])); tr.appendChild(el("td", artists(track))); tr.appendChild(el("td", track[2] || ""));
      tr.appendChild(el("td", entry[1] ? entry[1].slice(0, 10) : ""));
    });
    var wrap = el("div", null, "scroll"); wrap.appendChild(t);
    box.appendChild(el("h3", "Entries (" + p.e.length + ")")); box.appendChild(wrap);
    if (p.c.length) {
      var log = el("table"), lh = log.createTHead().insertRow();
      ["When", "Change", "Item"].forEach(function (h) { lh.appendChild(el("th", h)); });
      var lb = log.createTBody();
      p.c.forEach(function (c) {
        var tr = lb.insertRow(), track = c[2] == null ? null : data.tracks[c[2]];
        tr.appendChild(el("td", c[0].slice(0, 16).replace("T", " ")));
        tr.appendChild(el("td", c[1]));
        tr.appendChild(el("td", [track ? track[0] + " — " + artists(track) : null, c[3]].filter(Boolean).join(" · ")));
      });
      var lw = el("div", null, "scroll"); lw.appendChild(log);
      box.appendChild(el("h3", "Change log")); box.appendChild(lw);
    }
  }
  document.querySelectorAll("details.pl").forEach(function (d) { d.addEventListener("toggle", function () { if (d.open) fillPlaylist(d); }); });
  function openFromHash() {
    var id = decodeURIComponent(location.hash.slice(1)), d = id && document.getElementById(id);
    if (d && d.tagName === "DETAILS") { d.open = true; fillPlaylist(d); d.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openFromHash);
  openFromHash();

  // Printed, every year's top lists show, not only the open one; the page is put back as it was afterwards.
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(document.querySelectorAll(".years details"), function (d) { return !d.open; });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { closedForPrint.forEach(function (d) { d.open = false; }); closedForPrint = []; });

  var search = document.getElementById("search"), results = document.getElementById("results"), count = document.getElementById("result-count");
  var haystack = null, inPlaylists = null;
  function index() {
    haystack = data.tracks.map(function (t) { return fold(t[0] + "\n" + t[1].join("\n") + "\n" + (t[2] || "")); });
    inPlaylists = data.tracks.map(function () { return []; });
    data.playlists.forEach(function (p, i) { p.e.forEach(function (e) { var l = inPlaylists[e[0]]; if (l[l.length - 1] !== i) l.push(i); }); });
  }
  search.addEventListener("input", function () {
    var q = fold(search.value.trim());
    results.replaceChildren();
    if (!q) { count.textContent = ""; return; }
    if (!haystack) index();
    var hits = 0;
    for (var i = 0; i < haystack.length; i++) {
      if (haystack[i].indexOf(q) < 0) continue;
      if (++hits > 100) continue;
      var t = data.tracks[i], li = el("li"), more = el("span", " — ", "muted");
      li.appendChild(el("strong", t[0], "name"));
      more.appendChild(el("bdi", artists(t)));
      if (t[2]) { more.appendChild(document.createTextNode(" · ")); more.appendChild(el("bdi", t[2])); }
      li.appendChild(more);
      var lists = inPlaylists[i];
      if (lists.length) {
        var where = el("div", "in ", "muted");
        lists.slice(0, 5).forEach(function (p, k) {
          var a = el("a", data.playlists[p].n); a.href = "#pl-" + p; if (k) where.appendChild(document.createTextNode(", ")); where.appendChild(a);
        });
        if (lists.length > 5) where.appendChild(document.createTextNode(" and " + (lists.length - 5) + " more"));
        li.appendChild(where);
      }
      results.appendChild(li);
    }
    count.textContent = hits === 0 ? "No track found." : hits > 100 ? hits + " tracks, first 100 shown." : hits + (hits === 1 ? " track." : " tracks.");
  });
})();
""";

    /// <summary>
    /// The script as the page carries it. HTML parsers turn CR LF into LF before hashing, so a checkout with CR LF line
    /// ends must not change the bytes the hash is computed over.
    /// </summary>
    public static readonly string ScriptText = Script.ReplaceLineEndings("\n");

    /// <summary>The CSP source for <see cref="ScriptText"/>, over the exact UTF-8 bytes the page carries.</summary>
    public static readonly string ScriptHash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ScriptText)));
}
