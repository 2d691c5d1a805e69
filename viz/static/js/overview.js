/* Overview: agencies of a government ranked by workload (stacked roles) and a heat map
 * agencies x task sections. Data: /units (governments), /workload?by=role|task&government=. */
(function () {
  "use strict";
  var PG = window.PG;
  var $ = function (id) { return document.getElementById(id); };
  var errEl = $("error");

  function heatColor(v, max) {
    if (!v) return "#f4f6f8";
    var t = Math.sqrt(v / max);
    var r = Math.round(234 - t * (234 - 18)), g = Math.round(241 - t * (241 - 53)), b = Math.round(251 - t * (251 - 91));
    return "rgb(" + r + "," + g + "," + b + ")";
  }

  function ranking(rows, top) {
    var list = rows.slice(0, top);
    var max = Math.max.apply(null, list.map(function (r) { return r.total; }).concat([1]));
    $("ranking").innerHTML = list.map(function (r) {
      return '<div class="pg-bar-row" data-unit="' + PG.escape(r.unit) + '"><div class="name"><a href="/agency/' +
        encodeURIComponent(r.unit) + '" title="' + PG.escape(r.unit) + '">' + PG.escape(r.unit) + '</a></div><div class="track">' +
        PG.ROLES.map(function (k) {
          var v = +r[k] || 0;
          return v ? '<div class="seg ' + k + '" style="width:' + (100 * v / max).toFixed(2) + '%" title="' +
            PG.escape(r.unit + " · " + PG.ROLE_ZH[k] + " " + v) + '"></div>' : "";
        }).join("") + '</div><div class="num">' + r.total + "</div></div>";
    }).join("") || '<p class="pg-note">无数据 (no data)</p>';
  }

  /** Heat map agencies x task sections, fitted to the width: a numbered column per section
   * (horizontal header: the number, and the title when the column is wide enough), the
   * titles listed under the table, the full title on hover. */
  function heat(rows, ranked, top) {
    var units = ranked.slice(0, top).map(function (r) { return r.unit; });
    var tasks = {}, cell = {}, max = 1;
    rows.forEach(function (r) {
      var t = r.task_title || r.task || r.title;
      var key = typeof r.task === "number" ? r.task : r.task_number != null ? r.task_number : t;
      tasks[t] = tasks[t] || { title: t, order: typeof key === "number" ? key : 999, seq: r.task_seq };
      cell[r.unit + "\u0000" + t] = (cell[r.unit + "\u0000" + t] || 0) + (+r.count || 0);
      max = Math.max(max, cell[r.unit + "\u0000" + t]);
    });
    var cols = Object.keys(tasks).sort(function (a, b) { return tasks[a].order - tasks[b].order || (a < b ? -1 : 1); });
    var table = $("heat"), width = table.parentNode.clientWidth || 1200;
    var colWidth = (width - 170) / Math.max(cols.length, 1);
    var wide = colWidth >= 64;
    table.classList.toggle("narrow", !wide);
    var num = function (t, i) { return tasks[t].order !== 999 ? String(tasks[t].order) : String(i + 1); };
    table.innerHTML = '<colgroup><col class="rowhead">' + cols.map(function () { return "<col>"; }).join("") + "</colgroup>" +
      "<thead><tr><th></th>" + cols.map(function (t, i) {
        var title = String(t);
        return '<th class="col" title="' + PG.escape((tasks[t].seq ? "（" + tasks[t].seq + "）" : "") + title) + '"><span class="n">' +
          PG.escape(num(t, i)) + "</span>" + (wide ? '<span class="t">' + PG.escape(title) + "</span>" : "") + "</th>";
      }).join("") + "</tr></thead><tbody>" + units.map(function (u) {
        return '<tr><th class="row" title="' + PG.escape(u) + '"><a href="/agency/' + encodeURIComponent(u) + '">' + PG.escape(u) + "</a></th>" +
          cols.map(function (t) {
            var v = cell[u + "\u0000" + t] || 0;
            return '<td style="background:' + heatColor(v, max) + ";color:" + (v / max > 0.45 ? "#fff" : "#1f2d3d") +
              '" title="' + PG.escape(u + " · " + t + "：" + v) + '">' + (v || "") + "</td>";
          }).join("") + "</tr>";
      }).join("") + "</tbody>";
    $("heat-key").innerHTML = wide ? "" : cols.map(function (t, i) {
      return "<li><b>" + PG.escape(num(t, i)) + "</b> " + PG.escape((tasks[t].seq ? "（" + tasks[t].seq + "）" : "") + t) + "</li>";
    }).join("");
  }

  function load() {
    var choice = $("government").value, top = +$("top").value;
    var gov = choice === "*" ? "" : choice;
    errEl.hidden = true;
    var u = new URL(location.href);
    u.searchParams.set("government", gov);
    history.replaceState(null, "", u.toString());
    if (gov) PG.setGovernment(gov);
    document.body.dataset.government = gov;
    return Promise.all([
      PG.api("/workload", { by: "role", government: gov }),
      PG.api("/workload", { by: "task", government: gov }),
    ]).then(function (res) {
      var roleRows = PG.rows(res[0]).map(function (r) {
        r.total = r.total != null ? +r.total : PG.ROLES.reduce(function (s, k) { return s + (+r[k] || 0); }, 0);
        return r;
      }).sort(function (a, b) { return b.total - a.total || (b.lead || 0) - (a.lead || 0) || (a.unit < b.unit ? -1 : 1); });
      ranking(roleRows, top);
      heat(PG.rows(res[1]), roleRows, top);
      $("ov-note").textContent = "共 " + roleRows.length + " 个单位 agencies";
      document.body.dataset.ready = "1";
    }).catch(function (e) { PG.showError(errEl, e); });
  }

  /** The government to open on: the query (?government=, kept in the URL), else the one
   * this browser last worked in (the agency pages remember it), else ask once. */
  function start(names) {
    var query = new URLSearchParams(location.search);
    var want = query.has("government") ? query.get("government") : (document.body.dataset.government || PG.government());
    if (want && names.indexOf(want) < 0) want = "";
    $("government").innerHTML = '<option value="" disabled' + (want ? "" : " selected") + ">请选择 choose…</option>" +
      names.map(function (g) {
        return '<option value="' + PG.escape(g) + '"' + (g === want ? " selected" : "") + ">" + PG.escape(g) + "</option>";
      }).join("") + '<option value="*">全部 (all)</option>';
    if (want || query.get("government") === "") {
      if (!want) $("government").value = "*";
      return load();
    }
    // ask once: the answer goes into the URL (and is remembered)
    $("ask").hidden = false;
    $("ask-list").innerHTML = names.map(function (g) {
      return '<button class="pg-btn" type="button" data-gov="' + PG.escape(g) + '">' + PG.escape(g) + "</button>";
    }).join("");
    document.body.dataset.asking = "1";
  }

  $("ask-list").addEventListener("click", function (e) {
    var b = e.target.closest("button[data-gov]");
    if (!b) return;
    $("ask").hidden = true;
    delete document.body.dataset.asking;
    $("government").value = b.dataset.gov;
    load();
  });

  PG.loadUnits().then(function (units) {
    var govs = {};
    units.forEach(function (u) { if (u.government && !u.collective) govs[u.government] = (govs[u.government] || 0) + 1; });
    var names = Object.keys(govs).sort(function (a, b) { return govs[b] - govs[a] || (a < b ? -1 : 1); });
    return start(names);
  }).catch(function (e) { PG.showError(errEl, e); });
  $("government").addEventListener("change", load);
  $("top").addEventListener("change", load);
  window.addEventListener("resize", function () { if (document.body.dataset.ready) load(); });
})();
