/* 督办看板 (supervision board): for a government (remembered in the URL) and optionally one
 * document, each agency's obligations by status, overdue and report due (GET /progress);
 * the overdue and report-due lists; for a city, how the linked district measures are doing
 * on each city measure (GET /measures/{id}/chain roll-ups).  Every table sorts by a click
 * on its header. */
(function () {
  "use strict";
  var PG = window.PG;
  var $ = function (id) { return document.getElementById(id); };
  var STATUS_ZH = PG.STATUS_ZH || {};
  var STATUSES = Object.keys(STATUS_ZH);
  var state = (window.pgBoard = { board: null, docs: [], rollup: [], seq: 0 });

  function params() { return new URLSearchParams(location.search); }
  function remember() {
    var u = new URL(location.href);
    [["government", $("government").value], ["document", $("document").value], ["as_of", $("as-of").value]].forEach(function (kv) {
      if (kv[1]) u.searchParams.set(kv[0], kv[1]); else u.searchParams.delete(kv[0]);
    });
    history.replaceState(null, "", u.toString());
    if ($("government").value) PG.setGovernment($("government").value);
    var nav = $("nav-board");
    if (nav) nav.setAttribute("href", "/board?government=" + encodeURIComponent($("government").value));
  }
  function agencyLink(name) {
    return '<a href="/agency/' + encodeURIComponent(name) + '">' + PG.escape(name) + "</a>";
  }
  function num(v, cls) {
    return '<td class="num' + (v ? (cls ? " " + cls : "") : " zero") + '"';
  }

  /** A sortable table: columns [{key, label, num, value(row), html(row)}]; rows re-drawn on a header click. */
  function sortable(table, columns, rows, foot, initial) {
    var sort = table._sort || initial || { key: columns[0].key, dir: 1 };
    table._sort = sort;
    function draw() {
      var col = columns.filter(function (c) { return c.key === sort.key; })[0] || columns[0];
      var sorted = rows.slice().sort(function (a, b) {
        var va = col.value(a), vb = col.value(b);
        var r = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb), "zh-CN");
        return r * sort.dir || String(columns[0].value(a)).localeCompare(String(columns[0].value(b)), "zh-CN");
      });
      table.innerHTML = "<thead><tr>" + columns.map(function (c) {
        var aria = c.key === sort.key ? (sort.dir > 0 ? "ascending" : "descending") : "none";
        return '<th class="sortable' + (c.num ? " num" : "") + '" data-key="' + c.key + '" aria-sort="' + aria + '">' + c.label + "</th>";
      }).join("") + "</tr></thead><tbody>" + sorted.map(function (r) {
        return (r._tr || "<tr>") + columns.map(function (c) { return c.html(r); }).join("") + "</tr>";
      }).join("") + "</tbody>" + (foot || "");
      table.dataset.sort = sort.key + ":" + (sort.dir > 0 ? "asc" : "desc");
    }
    table.onclick = function (e) {
      var th = e.target.closest("th.sortable");
      if (!th) return;
      var col = columns.filter(function (c) { return c.key === th.dataset.key; })[0];
      sort.dir = sort.key === th.dataset.key ? -sort.dir : (col && col.num ? -1 : 1);
      sort.key = th.dataset.key;
      draw();
    };
    draw();
  }

  function agencyTable(board) {
    var cols = [{ key: "unit", label: "单位 Agency", value: function (a) { return a.unit; }, html: function (a) {
      return '<td class="unit">' + agencyLink(a.unit) + (a.collective ? ' <span class="pg-chip shared">集体</span>' : "") + "</td>";
    } }, { key: "total", label: "合计", num: true, value: function (a) { return a.total; }, html: function (a) {
      return num(a.total) + ' data-key="total">' + a.total + "</td>";
    } }];
    STATUSES.forEach(function (k) {
      cols.push({ key: k, label: PG.escape(STATUS_ZH[k]), num: true, value: function (a) { return a.counts[k] || 0; }, html: function (a) {
        return num(a.counts[k]) + ' data-key="' + k + '">' + (a.counts[k] || 0) + "</td>";
      } });
    });
    cols.push({ key: "overdue", label: "已逾期", num: true, value: function (a) { return a.overdue; }, html: function (a) {
      return num(a.overdue, "hot") + ' data-key="overdue">' + a.overdue + "</td>";
    } }, { key: "report_due", label: "待报送", num: true, value: function (a) { return a.report_due; }, html: function (a) {
      return num(a.report_due, "warm") + ' data-key="report_due">' + a.report_due + "</td>";
    } }, { key: "rate", label: "完成率", num: true, value: function (a) { return rate(a); }, html: function (a) {
      return '<td class="num" data-key="rate">' + Math.round(100 * rate(a)) + "%</td>";
    } });
    var rows = board.agencies.map(function (a) {
      return Object.assign({ _tr: '<tr data-unit="' + PG.escape(a.unit) + '">' }, a);
    });
    var t = board.totals;
    var foot = '<tfoot><tr><td>合计 total（' + rows.length + " 个单位）</td><td class=\"num\">" + t.total + "</td>" +
      STATUSES.map(function (k) { return '<td class="num" data-key="' + k + '">' + (t.counts[k] || 0) + "</td>"; }).join("") +
      '<td class="num">' + t.overdue + '</td><td class="num">' + t.report_due + '</td><td class="num">' + Math.round(100 * rate(t)) + "%</td></tr></tfoot>";
    sortable($("board-table"), cols, rows, foot, { key: "unit", dir: 1 });
  }
  function rate(a) { return a.total ? ((a.counts.done || 0) + (a.counts.closed || 0)) / a.total : 0; }

  function measureCell(i) {
    return '<td class="measure">第' + PG.escape(i.number + (i.clause > 1 ? "." + i.clause : "")) + '项 <span class="pg-note" title="' +
      PG.escape(i.text) + '">' + PG.escape(String(i.text || "").slice(0, 50)) + (String(i.text || "").length > 50 ? "…" : "") + "</span></td>";
  }
  function statusChip(code) {
    return '<span class="pg-status ' + PG.escape(code) + '">' + PG.escape(STATUS_ZH[code] || code) + "</span>";
  }

  function lists(board) {
    var unitCol = { key: "unit", label: "单位", value: function (i) { return i.unit; }, html: function (i) { return "<td>" + agencyLink(i.unit) + "</td>"; } };
    var measureCol = { key: "measure", label: "措施", value: function (i) { return (i.document_id || "") + String(1000 + (i.number || 0)) + String(100 + (i.clause || 0)); },
      html: measureCell };
    var statusCol = { key: "status", label: "状态", value: function (i) { return STATUSES.indexOf(i.status); }, html: function (i) { return "<td>" + statusChip(i.status) + "</td>"; } };
    var wrap = function (i) { return Object.assign({ _tr: '<tr data-oid="' + PG.escape(i.obligation_id) + '" data-unit="' + PG.escape(i.unit) + '">' }, i); };
    sortable($("overdue-list"), [{ key: "due", label: "时限", value: function (i) { return i.deadline.date || ""; }, html: function (i) {
      return '<td style="white-space:nowrap">' + PG.escape(i.deadline.date || "") + "</td>";
    } }, unitCol, measureCol, statusCol], board.overdue.map(wrap), "", { key: "due", dir: 1 });
    sortable($("report-due-list"), [unitCol, { key: "cycle", label: "周期", value: function (i) { return i.cycle || ""; }, html: function (i) {
      return '<td style="white-space:nowrap">' + PG.escape(i.cycle || "") + "</td>";
    } }, measureCol, statusCol], board.report_due.map(wrap), "", { key: "unit", dir: 1 });
    $("overdue-note").textContent = board.overdue.length + " 项 · 截至 " + board.as_of;
    $("due-note").textContent = board.report_due.length + " 项（持续推进，本周期尚无进展）";
  }

  /** One linked (district) measure's class: done / overdue / not_started / in_progress. */
  function classify(p) {
    if (p.total && p.done === p.total) return "done";
    if (p.overdue) return "overdue";
    if (!p.total || p.not_started === p.total) return "not_started";
    return "in_progress";
  }
  var ROLL = [["done", "已完成"], ["in_progress", "推进中"], ["not_started", "未启动"], ["overdue", "已逾期"]];
  var ROLL_COLOR = { done: "var(--st-done)", in_progress: "var(--st-in_progress)", not_started: "var(--st-not_started)", overdue: "var(--overdue)" };

  function drawRollup() {
    var rows = state.rollup.filter(function (r) { return r.loaded; });
    var cols = [{ key: "measure", label: "市级措施 City measure", value: function (r) { return 100000 * r.number + r.clause; }, html: measureCell },
      { key: "linked", label: "区级措施", num: true, value: function (r) { return r.linked; }, html: function (r) {
        return '<td class="num" data-key="linked">' + r.linked + "</td>"; } }];
    ROLL.forEach(function (kv) {
      cols.push({ key: kv[0], label: kv[1], num: true, value: function (r) { return r[kv[0]]; }, html: function (r) {
        return num(r[kv[0]], kv[0] === "overdue" ? "hot" : "") + ' data-key="' + kv[0] + '">' + r[kv[0]] + "</td>"; } });
    });
    cols.push({ key: "bar", label: "分布", value: function (r) { return r.linked ? r.done / r.linked : 0; }, html: function (r) {
      return '<td><div class="pg-rollbar" title="' + PG.escape(ROLL.map(function (kv) { return kv[1] + " " + r[kv[0]]; }).join(" · ")) + '">' +
        ROLL.map(function (kv) { return r[kv[0]] ? '<span style="width:' + (100 * r[kv[0]] / r.linked) + "%;background:" + ROLL_COLOR[kv[0]] + '"></span>' : ""; }).join("") +
        "</div></td>"; } });
    rows = rows.map(function (r) { return Object.assign({ _tr: '<tr data-measure="' + PG.escape(r.id) + '">' }, r); });
    var tot = { linked: 0 }; ROLL.forEach(function (kv) { tot[kv[0]] = 0; });
    rows.forEach(function (r) { tot.linked += r.linked; ROLL.forEach(function (kv) { tot[kv[0]] += r[kv[0]]; }); });
    var foot = '<tfoot><tr><td>合计 total（' + rows.length + ' 项市级措施）</td><td class="num">' + tot.linked + "</td>" +
      ROLL.map(function (kv) { return '<td class="num" data-key="' + kv[0] + '">' + tot[kv[0]] + "</td>"; }).join("") + "<td></td></tr></tfoot>";
    sortable($("rollup-table"), cols, rows, foot, { key: "measure", dir: 1 });
  }

  /** The city view: the chosen government's city documents' measures linked to district measures. */
  function rollup(seq, asOf) {
    var gov = $("government").value, doc = $("document").value;
    var docs = state.docs.filter(function (d) {
      return d.level === "city" && (doc ? d.id === doc : d.issuer === gov);
    });
    $("rollup-card").hidden = !docs.length;
    state.rollup = [];
    if (!docs.length) { document.body.dataset.rollup = "none"; return Promise.resolve(); }
    document.body.dataset.rollup = "loading";
    return Promise.all(docs.map(function (d) { return PG.apiAll("/measures", { document: d.id }, 500); })).then(function (lists) {
      if (seq !== state.seq) return;
      var measures = [].concat.apply([], lists).filter(function (m) { return (m.district_measures || []).length; });
      state.rollup = measures.map(function (m) {
        return { id: m.id, number: m.number, clause: m.clause, text: m.text, linked: 0, done: 0, in_progress: 0, not_started: 0, overdue: 0, loaded: false };
      });
      var next = 0, done = 0;
      $("rollup-note").textContent = "汇总中 0 / " + measures.length;
      function worker() {
        if (seq !== state.seq || next >= state.rollup.length) return Promise.resolve();
        var r = state.rollup[next++];
        return PG.api("/measures/" + encodeURIComponent(r.id) + "/chain", { as_of: asOf }).then(function (c) {
          (c.down || []).forEach(function (m) {
            if (!m.progress) return;
            r.linked++;
            r[classify(m.progress)]++;
          });
          r.loaded = true;
          done++;
          if (seq === state.seq) $("rollup-note").textContent = "汇总中 " + done + " / " + measures.length;
        }).catch(function () { r.loaded = false; }).then(worker);
      }
      return Promise.all([worker(), worker(), worker(), worker()]).then(function () {
        if (seq !== state.seq) return;
        drawRollup();
        $("rollup-note").textContent = state.rollup.length + " 项市级措施关联了区级措施 · 截至 " + asOf;
        document.body.dataset.rollup = "1";
      });
    });
  }

  function load() {
    var seq = ++state.seq;
    var asOf = $("as-of").value || PG.today();
    remember();
    document.body.dataset.ready = "0";
    $("error").hidden = true;
    return PG.api("/progress", { government: $("government").value, document: $("document").value, as_of: asOf }).then(function (b) {
      if (seq !== state.seq) return;
      state.board = b;
      $("board-meta").textContent = ($("government").value || "全部政府") + " · " + ($("document").selectedOptions[0] || {}).textContent +
        " · " + b.count + " 项任务（单位 × 措施）· 截至 " + b.as_of;
      agencyTable(b);
      lists(b);
      document.body.dataset.ready = "1";
      return rollup(seq, asOf);
    }).catch(function (e) { PG.showError($("error"), e); document.body.dataset.ready = "error"; });
  }

  function fillDocuments() {
    var gov = $("government").value, keep = $("document").value;
    var docs = state.docs.filter(function (d) { return !gov || d.issuer === gov || (d.id || "").indexOf(gov) === 0 || govOf(d) === gov; });
    $("document").innerHTML = '<option value="">全部文件 all documents</option>' + docs.map(function (d) {
      return '<option value="' + PG.escape(d.id) + '">' + PG.escape((d.doc_number ? d.doc_number + " " : "") + d.title) + "</option>";
    }).join("");
    $("document").value = docs.some(function (d) { return d.id === keep; }) ? keep : "";
  }
  function govOf(d) { return state.govByRegion[d.region] || ""; }

  var p = params();
  $("as-of").value = p.get("as_of") || PG.today();
  Promise.all([PG.loadUnits(), PG.apiAll("/documents", {}, 100)]).then(function (res) {
    var counts = {};
    res[0].forEach(function (u) { if (u.government) counts[u.government] = (counts[u.government] || 0) + 1; });
    state.docs = res[1];
    state.govByRegion = {};
    Object.keys(counts).forEach(function (g) { state.govByRegion[g.replace(/人民政府$/, "")] = g; });
    var govs = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b, "zh-CN"); });
    var want = p.get("government") || PG.government() || govs[0] || "";
    if (want && govs.indexOf(want) < 0) govs.unshift(want);
    $("government").innerHTML = govs.map(function (g) { return '<option value="' + PG.escape(g) + '">' + PG.escape(g) + "</option>"; }).join("");
    $("government").value = want;
    fillDocuments();
    if (p.get("document")) $("document").value = p.get("document");
    $("government").addEventListener("change", function () { fillDocuments(); load(); });
    $("document").addEventListener("change", load);
    $("as-of").addEventListener("change", load);
    return load();
  }).catch(function (e) { PG.showError($("error"), e); });
})();
