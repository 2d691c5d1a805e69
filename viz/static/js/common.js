/* PolicyGraph pages: shared helpers (API access, colours, label wrapping). No dependencies. */
(function () {
  "use strict";
  var PG = (window.PG = window.PG || {});

  PG.COLORS = {
    lead: "#c0392b", support: "#2471a3", joint: "#7d3c98", shared: "#7f8c8d",
    city: "#b9770e", district: "#148f77", other: "#95a5a6", measure: "#eef2f6",
  };
  // PG.ROLES and PG.ROLE_ZH come from the page (graph.model: the one role vocabulary).
  PG.LEVEL_ZH = { national: "国家", province: "省级", city: "市级", district: "区级", unknown: "未知" };
  PG.FONT = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", ' +
    '"Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", Arial, sans-serif';

  /** Fetch JSON from our own API (always same origin, always Accept: application/json). */
  PG.api = function (path, params) {
    var url = path;
    if (params) {
      var q = [];
      Object.keys(params).forEach(function (k) {
        var v = params[k];
        if (v === undefined || v === null || v === "") return;
        q.push(encodeURIComponent(k) + "=" + encodeURIComponent(v));
      });
      if (q.length) url += (url.indexOf("?") < 0 ? "?" : "&") + q.join("&");
    }
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var err = new Error((body && body.error) || ("HTTP " + r.status));
          err.status = r.status;
          err.body = body;
          throw err;
        }
        return body;
      });
    });
  };

  /** Follow limit/offset paging of a {data, count} list until everything is in. */
  PG.apiAll = function (path, params, pageSize) {
    pageSize = pageSize || 500;
    var out = [];
    function next(offset) {
      var p = Object.assign({}, params || {}, { limit: pageSize, offset: offset });
      return PG.api(path, p).then(function (body) {
        var rows = PG.rows(body);
        out = out.concat(rows);
        var total = typeof body.count === "number" ? body.count : out.length;
        if (rows.length && out.length < total && rows.length >= pageSize) return next(offset + rows.length);
        return out;
      });
    }
    return next(0);
  };

  /** The rows of a list answer, whatever its wrapper. */
  PG.rows = function (body) {
    if (Array.isArray(body)) return body;
    if (!body) return [];
    if (Array.isArray(body.data)) return body.data;
    if (Array.isArray(body.rows)) return body.rows;
    return [];
  };

  PG.unitPath = function (name) { return "/units/" + encodeURIComponent(name); };

  /** Break a Chinese label every `width` characters (vis-network only wraps at spaces). */
  PG.wrap = function (text, width, maxLines) {
    text = String(text || "");
    width = width || 6;
    var lines = [];
    for (var i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
    if (maxLines && lines.length > maxLines) {
      lines = lines.slice(0, maxLines);
      lines[maxLines - 1] = lines[maxLines - 1].slice(0, width - 1) + "…";
    }
    return lines.join("\n");
  };

  PG.escape = function (s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  };

  PG.today = function () { return PG.isoDate(new Date()); };

  /** Deadline of a measure: {text, kind, date} or null. */
  PG.deadline = function (m) {
    var d = m && m.deadline;
    if (!d) return null;
    return { text: d.text || "", kind: d.kind || "unspecified", date: PG.isoDate(d.date) };
  };

  /** Any date the API gives (ISO date, datetime, Date) as YYYY-MM-DD: never the browser's locale format. */
  PG.isoDate = function (v) {
    if (!v) return null;
    if (v instanceof Date) {
      return v.getFullYear() + "-" + String(v.getMonth() + 1).padStart(2, "0") + "-" + String(v.getDate()).padStart(2, "0");
    }
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(String(v));
    return m ? m[1] + "-" + m[2].padStart(2, "0") + "-" + m[3].padStart(2, "0") : String(v);
  };

  /** Overdue as of `asOf` (ISO): dated obligations (due / milestone) whose date has passed. */
  PG.isOverdue = function (m, asOf) {
    var d = PG.deadline(m);
    if (!d || !d.date) return false;
    if (d.kind === "ongoing") return d.date < asOf; // year-long work: overdue only after year end
    return d.date < asOf;
  };

  PG.levelOf = function (unit) {
    var l = unit && unit.level;
    return l === "city" || l === "district" ? l : "other";
  };

  PG.measureLabel = function (m) {
    var num = m.number != null ? m.number + (m.clause && m.clause > 1 ? "." + m.clause : "") : "";
    return num;
  };

  PG.showError = function (el, err) {
    if (!el) return;
    el.hidden = false;
    var msg = (err && err.message) || String(err);
    var sug = err && err.body && err.body.suggestions;
    el.innerHTML = PG.escape(msg) + (sug && sug.length
      ? "<br>您是否要找 (did you mean): " + sug.map(function (s) {
          return '<a href="' + PG.unitPath(s) + '">' + PG.escape(s) + "</a>";
        }).join("、")
      : "");
  };

  /** Index units by canonical name and by alias. */
  PG.indexUnits = function (units) {
    var byName = {};
    units.forEach(function (u) {
      byName[u.name] = u;
      (u.aliases || []).forEach(function (a) { if (!byName[a]) byName[a] = u; });
    });
    return byName;
  };

  /** Search-box completion over names and aliases. onPick(unit). */
  PG.completion = function (input, list, getUnits, onPick) {
    var active = -1, shown = [];
    function score(u, q) {
      var names = [u.name].concat(u.aliases || []);
      var best = 99;
      names.forEach(function (n, i) {
        var at = n.indexOf(q);
        if (at === 0) best = Math.min(best, i ? 2 : 0);
        else if (at > 0) best = Math.min(best, i ? 3 : 1);
      });
      return best;
    }
    function render() {
      var q = input.value.trim();
      if (!q) { list.hidden = true; shown = []; return; }
      var units = getUnits();
      shown = units
        .map(function (u) { return { u: u, s: score(u, q) }; })
        .filter(function (x) { return x.s < 99; })
        .sort(function (a, b) {
          return a.s - b.s || a.u.name.length - b.u.name.length || (a.u.name < b.u.name ? -1 : 1);
        })
        .slice(0, 12)
        .map(function (x) { return x.u; });
      active = shown.length ? 0 : -1;
      list.innerHTML = shown.map(function (u, i) {
        var alias = (u.aliases || []).filter(function (a) { return a.indexOf(q) >= 0 && a !== u.name; })[0];
        var lvl = PG.levelOf(u);
        return '<li role="option" data-name="' + PG.escape(u.name) + '" class="' + (i === active ? "active" : "") +
          '"><span>' + PG.escape(u.name) + (alias ? ' <span class="alias">(' + PG.escape(alias) + ")</span>" : "") +
          '</span><span class="lvl" style="background:' + PG.COLORS[lvl] + '">' +
          PG.escape(PG.LEVEL_ZH[u.level] || u.level || "") + "</span></li>";
      }).join("") || '<li class="none" style="color:#6b7785;cursor:default">无匹配单位 (no match)</li>';
      list.hidden = false;
    }
    function pick(i) {
      var u = shown[i];
      if (!u) return;
      list.hidden = true;
      input.value = u.name;
      onPick(u);
    }
    input.addEventListener("input", render);
    input.addEventListener("focus", render);
    input.addEventListener("keydown", function (e) {
      var items = list.querySelectorAll("li[data-name]");
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!items.length) return;
        e.preventDefault();
        active = (active + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
        items.forEach(function (li, i) { li.classList.toggle("active", i === active); });
      } else if (e.key === "Enter") {
        e.preventDefault();
        if (active >= 0) pick(active);
        else {
          var exact = PG.indexUnits(getUnits())[input.value.trim()];
          if (exact) { list.hidden = true; onPick(exact); }
        }
      } else if (e.key === "Escape") {
        list.hidden = true;
      }
    });
    list.addEventListener("mousedown", function (e) {
      var li = e.target.closest("li[data-name]");
      if (!li) return;
      e.preventDefault();
      var i = Array.prototype.indexOf.call(list.querySelectorAll("li[data-name]"), li);
      pick(i);
    });
    input.addEventListener("blur", function () { setTimeout(function () { list.hidden = true; }, 150); });
  };

  /** All units (for completion, levels, governments); cached per page. */
  var unitsPromise = null;
  PG.loadUnits = function () {
    if (!unitsPromise) unitsPromise = PG.apiAll("/units", {}, 500);
    return unitsPromise;
  };

  /** All of a unit's obligations (every role, shared included), enriched by the API. */
  PG.loadObligations = function (name) {
    return PG.apiAll(PG.unitPath(name) + "/obligations", { include_shared: true }, 500).then(function (rows) {
      return PG.flattenObligations(rows);
    });
  };

  /** The government the user works in: remembered (this browser) and carried by the navigation's
   * overview link, so the overview opens where the user came from. */
  var GOV_KEY = "policygraph.government";
  PG.government = function () {
    try { return localStorage.getItem(GOV_KEY) || ""; } catch (e) { return ""; }
  };
  PG.setGovernment = function (gov) {
    if (!gov) return;
    try { localStorage.setItem(GOV_KEY, gov); } catch (e) { /* private mode: the link still carries it */ }
    var a = document.getElementById("nav-overview");
    if (a) a.setAttribute("href", "/overview?government=" + encodeURIComponent(gov));
  };
  (function initNav() {
    var remembered = PG.government();
    var a = document.getElementById("nav-overview");
    if (a && remembered && a.getAttribute("href") === "/overview") a.setAttribute("href", "/overview?government=" + encodeURIComponent(remembered));
    // an agency's page (workload): its government becomes the overview's default
    var m = /^\/agency\/([^/]+)$/.exec(location.pathname);
    if (m) {
      PG.api(PG.unitPath(decodeURIComponent(m[1]))).then(function (u) {
        PG.setGovernment((u.data && !Array.isArray(u.data) ? u.data : u).government);
      }).catch(function () { /* the page itself reports an unknown agency */ });
    }
  })();

  /** Obligations may come as a flat list (each with role) or grouped by role. */
  PG.flattenObligations = function (rows) {
    var out = [];
    rows.forEach(function (r) {
      if (r && Array.isArray(r.measures)) {
        r.measures.forEach(function (m) { out.push(Object.assign({ role: r.role }, m)); });
      } else if (r) {
        out.push(r);
      }
    });
    return out;
  };
})();
