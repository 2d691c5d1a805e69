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
    $("heat").innerHTML = "<thead><tr><th></th>" + cols.map(function (t) {
      return '<th class="col" title="' + PG.escape(t) + '">' + PG.escape(String(t).length > 14 ? String(t).slice(0, 13) + "…" : t) + "</th>";
    }).join("") + "</tr></thead><tbody>" + units.map(function (u) {
      return '<tr><th class="row"><a href="/agency/' + encodeURIComponent(u) + '">' + PG.escape(u) + "</a></th>" + cols.map(function (t) {
        var v = cell[u + "\u0000" + t] || 0;
        return '<td style="background:' + heatColor(v, max) + ";color:" + (v / max > 0.45 ? "#fff" : "#1f2d3d") +
          '" title="' + PG.escape(u + " · " + t + "：" + v) + '">' + (v || "") + "</td>";
      }).join("") + "</tr>";
    }).join("") + "</tbody>";
  }

  function load() {
    var gov = $("government").value, top = +$("top").value;
    errEl.hidden = true;
    var u = new URL(location.href);
    if (gov) u.searchParams.set("government", gov); else u.searchParams.delete("government");
    history.replaceState(null, "", u.toString());
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

  PG.loadUnits().then(function (units) {
    var govs = {};
    units.forEach(function (u) { if (u.government && !u.collective) govs[u.government] = (govs[u.government] || 0) + 1; });
    var names = Object.keys(govs).sort(function (a, b) { return govs[b] - govs[a]; });
    var want = new URLSearchParams(location.search).get("government") || document.body.dataset.government || names[0] || "";
    $("government").innerHTML = names.map(function (g) {
      return '<option value="' + PG.escape(g) + '"' + (g === want ? " selected" : "") + ">" + PG.escape(g) + "</option>";
    }).join("") + '<option value=""' + (want ? "" : " selected") + ">全部 (all)</option>";
    return load();
  }).catch(function (e) { PG.showError(errEl, e); });
  $("government").addEventListener("change", load);
  $("top").addEventListener("change", load);
})();
