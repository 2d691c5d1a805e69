/* Per-agency workload: counts by role and task section, progress by status, the deadline
 * timeline over the documents' years (ongoing items as reporting cycles), every obligation
 * with its status and latest update (updated in place with the session's token, history in
 * a panel), obligations through a collective apart, collaborators, counterparts.
 * Data: /units/{name}, /units/{name}/obligations, /network/collaboration?unit=,
 * /workload/counterparts?unit= (the counterpart table, keyed by linked tasks),
 * GET/POST /obligations/{id}/progress. */
(function () {
  "use strict";
  var PG = window.PG, C = PG.COLORS;
  var $ = function (id) { return document.getElementById(id); };
  var name = document.body.dataset.unit;
  var errEl = $("error");
  var state = (window.pgWorkload = { unit: null, measures: [], counterparts: [], cpMeasures: {}, closest: null, comparison: null });

  function countRoles(list) {
    var c = { lead: 0, support: 0, joint: 0, shared: 0 };
    list.forEach(function (m) { c[m.role || "shared"] += 1; });
    return c;
  }

  function taskKey(m) {
    var t = m.task || {};
    return (t.seq ? "（" + t.seq + "）" : "") + (t.title || "未分组");
  }

  /** Stacked horizontal bars: rows [{name, lead, support, joint, shared}]. */
  function bars(el, rows, opts) {
    opts = opts || {};
    var max = Math.max.apply(null, rows.map(function (r) {
      return PG.ROLES.reduce(function (s, k) { return s + (r[k] || 0); }, 0);
    }).concat([1]));
    el.innerHTML = rows.map(function (r) {
      var total = PG.ROLES.reduce(function (s, k) { return s + (r[k] || 0); }, 0);
      var segs = PG.ROLES.map(function (k) {
        if (!r[k]) return "";
        return '<div class="seg ' + k + '" style="width:' + (100 * r[k] / max).toFixed(2) + '%" title="' +
          PG.escape(r.name + " · " + PG.ROLE_ZH[k] + " " + r[k]) + '"></div>';
      }).join("");
      var label = opts.link ? '<a href="' + opts.link(r.name) + '" title="' + PG.escape(r.name) + '">' + PG.escape(r.name) + "</a>"
        : '<span title="' + PG.escape(r.name) + '">' + PG.escape(r.name) + "</span>";
      return '<div class="pg-bar-row' + (r.me ? " me" : "") + '" data-name="' + PG.escape(r.name) + '"><div class="name">' + label + '</div><div class="track">' +
        segs + '</div><div class="num">' + total + "</div></div>";
    }).join("") || '<p class="pg-note">无数据 (no data)</p>';
  }

  function byTask(list) {
    var rows = {}, order = {};
    list.forEach(function (m) {
      var k = taskKey(m);
      if (!rows[k]) { rows[k] = { name: k, lead: 0, support: 0, joint: 0, shared: 0 }; order[k] = (m.task && m.task.number) || 999; }
      rows[k][m.role || "shared"] += 1;
    });
    return Object.keys(rows).sort(function (a, b) { return order[a] - order[b] || (a < b ? -1 : 1); })
      .map(function (k) { return rows[k]; });
  }

  function collaborators(list, self, all) {
    var agg = {};
    list.forEach(function (m) {
      (m.co_responsible || []).forEach(function (c) {
        if (c.unit === self || c.collective) return;
        var r = agg[c.unit] || (agg[c.unit] = { name: c.unit, lead: 0, support: 0, joint: 0, shared: 0 });
        r[c.role] = (r[c.role] || 0) + 1;
      });
    });
    return Object.keys(agg).map(function (k) { return agg[k]; }).sort(function (a, b) {
      var ta = a.lead + a.support + a.joint + a.shared, tb = b.lead + b.support + b.joint + b.shared;
      return tb - ta || (a.name < b.name ? -1 : 1);
    }).slice(0, all ? undefined : 12);
  }

  /** Closest collaborators from /network/collaboration: weight = shared measures (the bar);
   * the tooltip tells in which of this agency's measures' roles the partner appears. */
  function closestRows(closest, list, self) {
    var split = {};
    collaborators(list, self, true).forEach(function (r) { split[r.name] = r; });
    return closest.map(function (c) {
      var r = split[c.unit], w = +c.shared_measures || +c.weight || 0;
      return { name: c.unit, weight: w, detail: r ? PG.ROLES.filter(function (k) { return r[k]; }).map(function (k) {
        return "其中" + PG.ROLE_ZH[k] + " " + r[k];
      }).join("，") : "" };
    });
  }

  /** One bar per collaborator, its length the number of shared measures. */
  function weightBars(el, rows) {
    var max = Math.max.apply(null, rows.map(function (r) { return r.weight; }).concat([1]));
    el.innerHTML = rows.map(function (r) {
      var tip = r.name + " · 共同承担 " + r.weight + " 项措施 (shared measures)" + (r.detail ? "（" + r.detail + "）" : "");
      return '<div class="pg-bar-row" data-name="' + PG.escape(r.name) + '" data-weight="' + r.weight + '"><div class="name"><a href="/agency/' +
        encodeURIComponent(r.name) + '" title="' + PG.escape(r.name) + '">' + PG.escape(r.name) + '</a></div><div class="track">' +
        '<div class="seg weight" style="width:' + (100 * r.weight / max).toFixed(2) + '%" title="' + PG.escape(tip) + '"></div></div>' +
        '<div class="num">' + r.weight + "</div></div>";
    }).join("") || '<p class="pg-note">无数据 (no data)</p>';
  }

  // -- progress rules (graph.progress, mirrored so the as-of control answers at once) ----------
  var FINISHED = PG.STATUS_FINISHED || ["done", "closed"];
  var STATUS_ZH = PG.STATUS_ZH || {};
  function isOwn(m) { return (m.role || "shared") !== "shared"; }
  function statusOf(m) { return m.status || "not_started"; }
  /** Beijing date (YYYY-MM-DD) of an API timestamp (UTC, ...Z). */
  function bjDate(at) { return bjTime(at).slice(0, 10); }
  function bjTime(at) {
    if (!at) return "";
    var s = String(at).replace(/(\.\d{3})\d+/, "$1");
    var t = new Date(s);
    if (isNaN(t.getTime())) return String(at).slice(0, 16);
    return new Date(t.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ");
  }
  /** Overdue: due date strictly before as-of, not done/closed; an ongoing item never is. */
  function overdue(m, asOf) {
    var d = PG.deadline(m);
    if (m.ongoing || !d || !d.date) return false;
    return d.date < asOf && FINISHED.indexOf(statusOf(m)) < 0;
  }
  function cycleStart(asOf, cycle) {
    var y = asOf.slice(0, 4), mo = +asOf.slice(5, 7);
    if (cycle === "monthly") return y + "-" + String(mo).padStart(2, "0") + "-01";
    return y + "-" + String(3 * Math.floor((mo - 1) / 3) + 1).padStart(2, "0") + "-01";
  }
  /** Report due: an ongoing obligation whose current cycle (month/quarter) has no update. */
  function reportDue(m, asOf) {
    if (!m.ongoing || statusOf(m) === "closed") return false;
    var last = m.last_update && m.last_update.at ? bjDate(m.last_update.at) : null;
    return !last || last < cycleStart(asOf, m.report_cycle);
  }
  function cycleWord(m) { return m.report_cycle === "monthly" ? "本月" : "本季度"; }
  function statusChip(code) {
    return '<span class="pg-status ' + PG.escape(code) + '" data-status="' + PG.escape(code) + '">' +
      PG.escape(STATUS_ZH[code] || code) + "</span>";
  }

  function kpis(list, asOf) {
    var c = countRoles(list);
    var own = list.filter(isOwn);
    var over = own.filter(function (m) { return overdue(m, asOf); }).length;
    var due = own.filter(function (m) { return reportDue(m, asOf); }).length;
    $("kpis").innerHTML = PG.ROLES.map(function (k) {
      return '<div class="pg-kpi ' + k + '" data-role="' + k + '"><div class="n">' + c[k] + '</div><div class="l">' +
        PG.ROLE_ZH[k] + " " + k + (k === "shared" ? "（单独统计）" : "") + "</div></div>";
    }).join("") + '<div class="pg-kpi overdue" id="kpi-overdue"><div class="n">' + over +
      '</div><div class="l">已逾期 overdue（截至 ' + asOf + "，不含已完成/已销号、集体成员）</div></div>" +
      '<div class="pg-kpi report-due" id="kpi-report-due"><div class="n">' + due +
      '</div><div class="l">待报送 report due（持续推进，本周期未报送）</div></div>';
    var counts = {};
    Object.keys(STATUS_ZH).forEach(function (k) { counts[k] = 0; });
    own.forEach(function (m) { counts[statusOf(m)] = (counts[statusOf(m)] || 0) + 1; });
    $("status-strip").innerHTML = Object.keys(STATUS_ZH).map(function (k) {
      return '<div class="pg-status-count" data-status="' + k + '">' + statusChip(k) + ' <b class="n">' + counts[k] + "</b></div>";
    }).join("") + '<div class="pg-note">共 ' + own.length + " 项本单位任务；另有 " + (list.length - own.length) +
      " 项通过集体单位分担，单独统计（见下方）</div>";
  }

  /** Month columns spanning the documents' years (SVG): dated items stacked overdue / soon /
   * later / done; ongoing items as reporting cycles in a strip below, never red. */
  function timeline(list, asOf) {
    var own = list.filter(isOwn);
    var dated = own.filter(function (m) { var d = PG.deadline(m); return d && d.date; });
    var el = $("timeline");
    if (!dated.length) { el.innerHTML = '<p class="pg-note">没有带日期的时限 (no dated deadlines)</p>'; return; }
    var soonLimit = new Date(asOf); soonLimit.setDate(soonLimit.getDate() + 30);
    var soonIso = soonLimit.toISOString().slice(0, 10);
    var months = {}, cycles = {}, years = {};
    dated.forEach(function (m) {
      var d = PG.deadline(m);
      years[d.date.slice(0, 4)] = 1;
      if (m.ongoing) {
        var y = d.date.slice(0, 4);
        for (var mo = 1; mo <= 12; mo++) {
          if (m.report_cycle !== "monthly" && mo % 3) continue;
          var ck = y + "-" + String(mo).padStart(2, "0");
          var c = cycles[ck] || (cycles[ck] = { n: 0, due: 0 });
          c.n++;
          var start = cycleStart(ck + "-01", m.report_cycle);
          if (asOf >= start && asOf.slice(0, 7) <= ck && reportDue(m, asOf)) c.due++;
        }
        return;
      }
      var key = d.date.slice(0, 7);
      var b = months[key] || (months[key] = { overdue: 0, soon: 0, later: 0, done: 0 });
      if (FINISHED.indexOf(statusOf(m)) >= 0) b.done++;
      else if (overdue(m, asOf)) b.overdue++;
      else if (d.date <= soonIso) b.soon++;
      else b.later++;
    });
    var ys = Object.keys(years).sort();
    var all = [];
    for (var y = +ys[0]; y <= +ys[ys.length - 1]; y++) {
      for (var mo = 1; mo <= 12; mo++) all.push(y + "-" + String(mo).padStart(2, "0"));
    }
    var W = 1200, H = 250, padL = 36, padB = 58, padT = 16, colW = (W - padL - 10) / all.length;
    var max = Math.max.apply(null, all.map(function (k) {
      var b = months[k]; return b ? b.overdue + b.soon + b.later + b.done : 0;
    }).concat([1]));
    var sy = function (v) { return (H - padB - padT) * v / max; };
    var colors = { overdue: "#c0392b", soon: "#d68910", later: "#2471a3", done: "#1e8449" };
    var svg = ['<svg viewBox="0 0 ' + W + " " + H + '" role="img" aria-label="完成时限分布">'];
    [0, 0.5, 1].forEach(function (f) {
      var yy = H - padB - sy(max * f);
      svg.push('<line x1="' + padL + '" x2="' + (W - 10) + '" y1="' + yy + '" y2="' + yy + '" stroke="#eef1f4"/>');
      svg.push('<g class="axis"><text x="' + (padL - 6) + '" y="' + (yy + 4) + '" text-anchor="end">' + Math.round(max * f) + "</text></g>");
    });
    all.forEach(function (k, i) {
      var b = months[k] || { overdue: 0, soon: 0, later: 0, done: 0 };
      var x = padL + i * colW + colW * 0.18, w = colW * 0.64, base = H - padB;
      ["done", "overdue", "soon", "later"].forEach(function (s) {
        if (!b[s]) return;
        var h = sy(b[s]);
        base -= h;
        svg.push('<rect class="tl-bar" data-month="' + k + '" data-kind="' + s + '" x="' + x.toFixed(1) + '" y="' + base.toFixed(1) +
          '" width="' + w.toFixed(1) + '" height="' + h.toFixed(1) + '" fill="' + colors[s] + '" rx="2"><title>' +
          k + " · " + b[s] + "</title></rect>");
      });
      var total = b.overdue + b.soon + b.later + b.done;
      if (total) svg.push('<g class="axis"><text x="' + (x + w / 2) + '" y="' + (base - 4) + '" text-anchor="middle">' + total + "</text></g>");
      svg.push('<g class="axis"><text x="' + (x + w / 2) + '" y="' + (H - padB + 14) + '" text-anchor="middle">' +
        (k.slice(5) === "01" ? k.slice(0, 4) + "年" : "") + (+k.slice(5)) + "月</text></g>");
      var c = cycles[k];
      if (c) {
        var cy = H - padB + 22;
        svg.push('<rect class="tl-cycle' + (c.due ? " due" : "") + '" data-month="' + k + '" x="' + (padL + i * colW + 2).toFixed(1) + '" y="' + cy +
          '" width="' + (colW - 4).toFixed(1) + '" height="16" rx="8" fill="' + (c.due ? "#fdebd0" : "#e5e8ec") + '"><title>' +
          k + " 报送周期 · 持续推进 " + c.n + " 项" + (c.due ? "，本周期待报送 " + c.due + " 项" : "") + "</title></rect>");
        svg.push('<text x="' + (padL + i * colW + colW / 2).toFixed(1) + '" y="' + (cy + 12) + '" text-anchor="middle" font-size="10.5" fill="' +
          (c.due ? "#9a6200" : "#5d6d7e") + '">报送 ' + c.n + "</text>");
      }
    });
    if (Object.keys(cycles).length) {
      svg.push('<text x="4" y="' + (H - padB + 34) + '" font-size="10.5" fill="#6b7785">持续</text>');
    }
    var asKey = asOf.slice(0, 7), at = all.indexOf(asKey), first = all[0], last = all[all.length - 1];
    var ax = at >= 0 ? padL + (at + (+asOf.slice(8, 10)) / 31) * colW : asKey > last ? W - 10 : padL;
    var label = "截至 " + asOf + (at >= 0 ? "" : asKey > last ? " →" : " ←");
    svg.push('<line x1="' + ax + '" x2="' + ax + '" y1="' + padT + '" y2="' + (H - padB) + '" stroke="#12355b" stroke-dasharray="4 3"/>');
    svg.push('<text x="' + (asKey > last ? ax - 4 : ax + 4) + '" y="' + (padT - 4) + '" font-size="11" fill="#12355b" text-anchor="' +
      (asKey > last ? "end" : "start") + '">' + label + "</text>");
    svg.push("</svg>");
    el.innerHTML = svg.join("");
    el.dataset.from = first; el.dataset.to = last;
    var ongoing = dated.filter(function (m) { return m.ongoing; }).length;
    $("tl-note").textContent = first.slice(0, 4) + (first.slice(0, 4) !== last.slice(0, 4) ? "–" + last.slice(0, 4) : "") + " 年 · " +
      (dated.length - ongoing) + " 项带日期，" + ongoing + " 项持续推进（按周期报送）· as of " + asOf;
  }

  // -- the obligations tables ------------------------------------------------------------------

  /** Responsible units in source order, the first named marked, this agency in bold. */
  function unitsCell(m) {
    var self = state.unit.name;
    var list = (m.co_responsible || []).slice();
    if (isOwn(m)) list.push({ unit: self, role: m.role, order: m.order, collective: false });
    list.sort(function (a, b) { return (a.order == null ? 1e9 : a.order) - (b.order == null ? 1e9 : b.order); });
    var seen = {};
    list = list.filter(function (u) { if (seen[u.unit]) return false; seen[u.unit] = 1; return true; });
    var html = list.map(function (u, i) {
      var cls = "pg-unit" + (u.unit === self ? " me" : "") + (u.collective ? " collective" : "") + (i === 0 ? " first" : "");
      return '<span class="' + cls + '" data-unit="' + PG.escape(u.unit) + '" title="' + PG.escape((PG.ROLE_ZH[u.role] || u.role || "") +
        (i === 0 ? " · 第一责任单位（原文首位）" : "")) + '">' + (i === 0 ? '<span class="pg-first-mark">首</span>' : "") +
        (u.unit === self ? PG.escape(u.unit) : '<a href="/agency/' + encodeURIComponent(u.unit) + '">' + PG.escape(u.unit) + "</a>") + "</span>";
    }).join('<span class="sep">、</span>');
    if (!isOwn(m)) {
      var via = (Array.isArray(m.via) ? m.via : []).map(function (v) { return v.unit || v; }).filter(Boolean);
      html += '<div class="pg-note">经由 via ' + PG.escape(via.join("、") || "集体单位") + "（本单位为其成员）</div>";
    }
    return html;
  }

  function latestCell(m) {
    var u = m.last_update;
    if (!u) return '<span class="pg-note">尚无进展 no update yet</span>';
    var ev = u.evidence ? (/^https?:\/\//i.test(u.evidence)
      ? '<a href="' + PG.escape(u.evidence) + '" target="_blank" rel="noopener noreferrer">' + PG.escape(u.evidence.slice(0, 60)) + "</a>"
      : PG.escape(u.evidence)) : "";
    return '<div class="pg-progress-text">' + PG.escape(u.text || "") + (u.percent != null ? ' <span class="pg-badge">' + (+u.percent) + "%</span>" : "") +
      "</div>" + (ev ? '<div class="pg-note">成果形式：' + ev + "</div>" : "") +
      '<div class="pg-note pg-who">' + PG.escape([u.person, u.agency ? "（" + u.agency + "）" : ""].join("")) + " · " +
      PG.escape(bjTime(u.at)) + (u.token_name ? " · 令牌 " + PG.escape(u.token_name) : "") + "</div>";
  }

  function dueCell(m, asOf, soonIso) {
    var d = PG.deadline(m);
    if (m.ongoing) {
      return '<span class="pg-badge cycle">持续推进</span><br><span class="pg-note">' + (m.report_cycle === "monthly" ? "每月" : "每季度") +
        "报送 · " + PG.escape(d ? d.text : "") + "</span>";
    }
    if (!d || !d.date) return '<span class="pg-note">' + PG.escape(d ? d.text || "未写明" : "未写明") + "</span>";
    return PG.escape(d.date) + '<br><span class="pg-note">' + PG.escape(d.text) + "</span>";
  }

  function flags(m, asOf, soonIso) {
    var d = PG.deadline(m);
    if (overdue(m, asOf)) return ' <span class="pg-badge overdue">已逾期</span>';
    if (reportDue(m, asOf)) return ' <span class="pg-badge report-due">' + cycleWord(m) + "待报送</span>";
    if (m.ongoing) return ' <span class="pg-badge">' + cycleWord(m) + "已报送</span>";
    if (d && d.date && FINISHED.indexOf(statusOf(m)) < 0 && d.date <= soonIso) return ' <span class="pg-badge soon">即将到期</span>';
    return "";
  }

  function rowHtml(m, asOf, soonIso) {
    var over = overdue(m, asOf), due = reportDue(m, asOf);
    return '<tr class="pg-ob' + (over ? " overdue" : "") + (due ? " report-due" : "") + '" data-oid="' + PG.escape(m.obligation_id) +
      '" data-status="' + statusOf(m) + '"><td class="due">' + dueCell(m, asOf, soonIso) + '</td><td class="status">' + statusChip(statusOf(m)) +
      flags(m, asOf, soonIso) + '</td><td><span class="pg-chip ' + (m.role || "shared") + '">' + PG.ROLE_ZH[m.role || "shared"] +
      '</span></td><td class="measure"><a href="/units/' + encodeURIComponent(state.unit.name) + '">' +
      PG.escape(PG.LEVEL_ZH[m.level] || "") + "第" + PG.measureLabel(m) + '项</a> <span title="' + PG.escape(m.text) + '">' +
      PG.escape(String(m.text || "").slice(0, 80)) + (String(m.text || "").length > 80 ? "…" : "") + '</span><div class="pg-note">' +
      PG.escape(taskKey(m)) + '</div></td><td class="units">' + unitsCell(m) + '</td><td class="latest">' + latestCell(m) +
      '</td><td class="actions"><button type="button" class="pg-btn small act-update">更新 Update</button> ' +
      '<button type="button" class="pg-btn small act-history">历史 History</button></td></tr>';
  }

  function sortRows(list) {
    return list.slice().sort(function (a, b) {
      var da = PG.deadline(a), db = PG.deadline(b);
      var ka = (a.ongoing ? "1" : "0") + ((da && da.date) || "9999"), kb = (b.ongoing ? "1" : "0") + ((db && db.date) || "9999");
      return ka < kb ? -1 : ka > kb ? 1 : (a.number || 0) - (b.number || 0) || (a.clause || 0) - (b.clause || 0);
    });
  }

  function keepRow(m, asOf) {
    var f = $("row-filter").value;
    if (!f) return true;
    if (f === "overdue") return overdue(m, asOf);
    if (f === "report_due") return reportDue(m, asOf);
    return statusOf(m) === f;
  }

  var HEAD = "<thead><tr><th>时限 Due</th><th>状态 Status</th><th>职责</th><th>措施 Measure</th><th>责任单位（原文顺序）</th>" +
    "<th>最新进展 Latest progress</th><th></th></tr></thead>";

  function tables(list, asOf) {
    var soon = new Date(asOf); soon.setDate(soon.getDate() + 30);
    var soonIso = soon.toISOString().slice(0, 10);
    var own = sortRows(list.filter(isOwn)), shared = sortRows(list.filter(function (m) { return !isOwn(m); }));
    var ownShown = own.filter(function (m) { return keepRow(m, asOf); });
    var sharedShown = shared.filter(function (m) { return keepRow(m, asOf); });
    $("due-table").innerHTML = HEAD + "<tbody>" + ownShown.map(function (m) { return rowHtml(m, asOf, soonIso); }).join("") + "</tbody>";
    $("shared-table").innerHTML = HEAD + "<tbody>" + sharedShown.map(function (m) { return rowHtml(m, asOf, soonIso); }).join("") + "</tbody>";
    $("own-note").textContent = "本单位承担 " + own.length + " 项" + (ownShown.length !== own.length ? "，显示 " + ownShown.length + " 项" : "");
    $("shared-note").textContent = "单独统计 counted apart · " + shared.length + " 项" +
      (sharedShown.length !== shared.length ? "，显示 " + sharedShown.length + " 项" : "");
  }

  function rowOf(oid) {
    return state.measures.filter(function (m) { return m.obligation_id === oid; })[0];
  }

  function statusOptions(current) {
    return Object.keys(STATUS_ZH).map(function (k) {
      var admin = (PG.STATUS_ADMIN_ONLY || []).indexOf(k) >= 0;
      return '<option value="' + k + '"' + (k === current ? " selected" : "") + ">" + PG.escape(STATUS_ZH[k]) + " " + k +
        (admin ? "（仅督查办 admin）" : "") + "</option>";
    }).join("");
  }

  /** The in-place update form under a row. */
  function openForm(tr) {
    var next = tr.nextElementSibling;
    if (next && next.classList.contains("pg-edit")) { next.remove(); return; }
    var m = rowOf(tr.dataset.oid);
    if (!m) return;
    var last = m.last_update || {};
    var form = document.createElement("tr");
    form.className = "pg-edit";
    form.dataset.oid = m.obligation_id;
    form.innerHTML = '<td colspan="7"><form class="pg-form">' +
      '<label>状态 Status <select name="status">' + statusOptions(statusOf(m) === "not_started" ? "in_progress" : statusOf(m)) + "</select></label>" +
      '<label class="wide">进展情况 Progress <textarea name="text" rows="2" maxlength="2000"></textarea></label>' +
      '<label>成果形式 Evidence <input name="evidence" maxlength="1000" placeholder="文字或链接"></label>' +
      '<label>完成% <input name="percent" type="number" min="0" max="100" step="1" style="width:70px"></label>' +
      '<label>责任人 Person <input name="person" maxlength="100" value="' + PG.escape(last.person || "") + '"></label>' +
      '<button type="submit" class="pg-btn primary">提交 Save</button> <button type="button" class="pg-btn act-cancel">取消</button>' +
      '<div class="pg-error pg-form-error" hidden></div></form></td>';
    tr.after(form);
    form.querySelector(".act-cancel").addEventListener("click", function () { form.remove(); });
    form.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      submitForm(form, m);
    });
    if (!PG.token()) showFormError(form, "请先在页面上方输入令牌（仅保存在本次会话）。Enter your token above first.");
  }

  function showFormError(form, msg) {
    var el = form.querySelector(".pg-form-error");
    el.hidden = false;
    el.textContent = msg;
  }

  function submitForm(form, m) {
    if (!PG.token()) {
      showFormError(form, "请先在页面上方输入令牌（仅保存在本次会话）。Enter your token above first.");
      var input = $("token-input"); if (input) input.focus();
      return;
    }
    var f = form.querySelector("form");
    var body = { status: f.status.value };
    ["text", "evidence", "person"].forEach(function (k) { if (f[k].value.trim()) body[k] = f[k].value.trim(); });
    if (f.percent.value !== "") body.percent = +f.percent.value;
    var btn = f.querySelector("button[type=submit]");
    btn.disabled = true;
    PG.write("POST", "/obligations/" + encodeURIComponent(m.obligation_id) + "/progress", body).then(function (res) {
      Object.assign(m, res.state);
      render();
      var tr = document.querySelector('tr.pg-ob[data-oid="' + CSS.escape(m.obligation_id) + '"]');
      if (tr) { tr.classList.add("pg-flash"); tr.dataset.updated = "1"; }
      if (state.historyOid === m.obligation_id) showHistory(m.obligation_id);
    }).catch(function (err) {
      btn.disabled = false;
      if (err.status === 401) PG.setToken("");
      showFormError(form, (err.status ? "[" + err.status + "] " : "") + (err.message || String(err)));
      form.dataset.error = String(err.status || "");
    });
  }

  function showHistory(oid) {
    state.historyOid = oid;
    var m = rowOf(oid) || {};
    $("history-panel").hidden = false;
    $("history-title").textContent = "进展历史 · " + (PG.LEVEL_ZH[m.level] || "") + "第" + PG.measureLabel(m) + "项 · " + state.unit.name;
    $("history-body").innerHTML = '<p class="pg-note">加载中…</p>';
    PG.api("/obligations/" + encodeURIComponent(oid) + "/progress", { as_of: $("as-of").value || PG.today() }).then(function (b) {
      if (state.historyOid !== oid) return;
      var h = (b.history || []).slice().reverse();
      $("history-body").innerHTML = '<p class="pg-note">' + PG.escape(String(m.text || "").slice(0, 120)) + "</p>" +
        '<p>当前状态 ' + statusChip(b.state.status) + (b.state.overdue ? ' <span class="pg-badge overdue">已逾期</span>' : "") +
        (b.state.report_due ? ' <span class="pg-badge report-due">待报送</span>' : "") + " · 共 " + h.length + " 次更新</p>" +
        (h.length ? '<ol class="pg-history" id="history-list">' + h.map(function (u) {
          return '<li data-seq="' + PG.escape(u.seq) + '"><div>' + statusChip(u.status) + " <b>" + PG.escape(bjTime(u.at)) + "</b></div>" +
            '<div class="pg-progress-text">' + PG.escape(u.text || "") + (u.percent != null ? " · " + (+u.percent) + "%" : "") + "</div>" +
            (u.evidence ? '<div class="pg-note">成果形式：' + PG.escape(u.evidence) + "</div>" : "") +
            '<div class="pg-note">' + PG.escape((u.person || "") + (u.agency ? "（" + u.agency + "）" : "")) +
            (u.token_name ? " · 令牌 " + PG.escape(u.token_name) : "") + " · 来源 " + PG.escape(u.source || "") + "</div></li>";
        }).join("") + "</ol>" : '<p class="pg-note" id="history-empty">尚无进展记录 (no updates yet)</p>');
      $("history-panel").dataset.oid = oid;
      $("history-panel").dataset.count = String(h.length);
    }).catch(function (e) { $("history-body").innerHTML = '<div class="pg-error">' + PG.escape(e.message) + "</div>"; });
  }

  function onTableClick(e) {
    var btn = e.target.closest("button");
    if (!btn) return;
    var tr = btn.closest("tr.pg-ob");
    if (!tr) return;
    if (btn.classList.contains("act-update")) openForm(tr);
    else if (btn.classList.contains("act-history")) showHistory(tr.dataset.oid);
  }

  function counterpart(asOf) {
    var el = $("counterpart"), cps = state.counterparts;
    if (!cps.length) {
      $("cp-title").innerHTML = "<span>对口单位 Counterparts</span>";
      el.innerHTML = '<p class="pg-note">该单位没有登记的对口单位 (no counterpart recorded).</p>';
      return;
    }
    var agency = function (n) { return '<a href="/agency/' + encodeURIComponent(n) + '">' + PG.escape(n) + "</a>"; };
    $("cp-title").innerHTML = "<span>对口单位 Counterpart" + (cps.length > 1 ? "s" : "") + "：" + cps.map(agency).join("、") +
      "</span><small>并列比较 side by side · 共 " + cps.length + " 个</small>";
    var lists = [state.measures].concat(cps.map(function (c) { return state.cpMeasures[c] || []; }));
    var names = [state.unit.name].concat(cps);
    var rows = names.map(function (n, i) { return Object.assign({ name: n, me: i === 0 }, countRoles(lists[i])); });
    var over = function (list) { return list.filter(function (m) { return isOwn(m) && overdue(m, asOf); }).length; };
    el.innerHTML = '<div class="pg-grid"><div class="span-6"><div id="cp-bars" class="pg-bars"></div>' +
      '<p class="pg-note">逾期 overdue（截至 ' + PG.escape(asOf) + "）：" + names.map(function (n, i) {
        return PG.escape(n) + " " + over(lists[i]);
      }).join(" · ") + '</p></div><div class="span-6 pg-scroll"><table class="pg-table" id="cp-table"></table></div></div>';
    bars($("cp-bars"), rows, { link: function (n) { return "/agency/" + encodeURIComponent(n); } });
    comparisonTable($("cp-table"), state.comparison, names);
  }

  /** The side-by-side table, one row per linked task pair from /workload/counterparts: a
   * district task and the city task it follows (FOLLOWS), not the same section number --
   * the district's （四） is the city's （五）. Cells: measures per agency (by role in the
   * tooltip); the last column counts the IMPLEMENTS pairs between the two sides. */
  function comparisonTable(el, cmp, names) {
    if (!cmp || !cmp.data) {
      el.innerHTML = '<tbody><tr><td class="pg-note">对应关系不可用 (comparison unavailable)</td></tr></tbody>';
      return;
    }
    var label = function (ts) {
      return ts.length ? ts.map(function (t) { return (t.seq ? "（" + t.seq + "）" : "") + (t.title || ""); }).join("、") : "—";
    };
    var cell = function (c) {
      if (!c) return '<td class="num">0</td>';
      var tip = PG.ROLES.map(function (k) { return PG.ROLE_ZH[k] + " " + (c[k] || 0); }).join(" · ");
      return '<td class="num" title="' + PG.escape(tip) + '">' + c.total + "</td>";
    };
    el.innerHTML = "<thead><tr><th>下级任务 Lower-level task</th><th>对应上级任务 Linked higher-level task</th>" + names.map(function (n) {
      return '<th class="num">' + PG.escape(n) + "</th>";
    }).join("") + '<th class="num" title="下级措施落实上级措施 IMPLEMENTS pairs">对应措施 Linked</th></tr></thead><tbody>' +
      cmp.data.map(function (r) {
        var nums = function (ts) { return ts.map(function (t) { return t.number; }).join(","); };
        return '<tr data-lower="' + PG.escape(nums(r.lower)) + '" data-upper="' + PG.escape(nums(r.upper)) + '"' +
          (r.linked ? "" : ' class="unlinked" title="无对应任务 no linked task"') + "><td>" + PG.escape(label(r.lower)) +
          "</td><td>" + PG.escape(label(r.upper)) + "</td>" +
          names.map(function (n) { return cell(r.counts[n]); }).join("") +
          '<td class="num">' + (r.links || []).length + "</td></tr>";
      }).join("") + "</tbody>";
  }

  function render() {
    var asOf = $("as-of").value || PG.today();
    kpis(state.measures, asOf);
    bars($("by-task"), byTask(state.measures));
    if (state.closest && state.closest.length) {
      weightBars($("collab"), closestRows(state.closest, state.measures, state.unit.name));
      $("collab").dataset.source = "network";
    } else {
      bars($("collab"), collaborators(state.measures, state.unit.name), { link: function (n) { return "/agency/" + encodeURIComponent(n); } });
      $("collab").dataset.source = "client";
    }
    timeline(state.measures, asOf);
    tables(state.measures, asOf);
    counterpart(asOf);
    document.body.dataset.ready = "1";
  }

  PG.tokenBar($("token-bar"), "令牌只保存在本次浏览器会话（sessionStorage），不写入页面或网址");
  $("due-table").addEventListener("click", onTableClick);
  $("shared-table").addEventListener("click", onTableClick);
  $("row-filter").addEventListener("change", function () { tables(state.measures, $("as-of").value || PG.today()); });
  $("history-close").addEventListener("click", function () { $("history-panel").hidden = true; state.historyOid = null; });

  var params = new URLSearchParams(location.search);
  $("as-of").value = params.get("as_of") || PG.today();
  $("as-of").addEventListener("change", function () {
    var u = new URL(location.href); u.searchParams.set("as_of", $("as-of").value);
    history.replaceState(null, "", u.toString());
    render();
  });

  PG.api(PG.unitPath(name)).then(function (u) {
    state.unit = u;
    document.title = u.name + " 工作量 · PolicyGraph";
    $("unit-meta").innerHTML = '<span class="pg-chip ' + PG.levelOf(u) + '">' + PG.escape(PG.LEVEL_ZH[u.level] || u.level || "") +
      "</span> " + PG.escape(u.government || "") + (u.aliases && u.aliases.length ? " · 又称 " + PG.escape(u.aliases.join("、")) : "");
    state.counterparts = (u.counterparts || []).map(function (c) { return typeof c === "string" ? c : c && c.name; })
      .filter(function (n, i, all) { return n && n !== u.name && all.indexOf(n) === i; });
    return Promise.all([
      PG.loadObligations(u.name),
      PG.api("/network/collaboration", { unit: u.name, top: 12 }).then(function (b) {
        return b && b.unit && Array.isArray(b.unit.closest) ? b.unit.closest : null;
      }).catch(function () { return null; }),
      state.counterparts.length ? PG.api("/workload/counterparts", { unit: u.name }).catch(function () { return null; })
        : Promise.resolve(null),
    ].concat(state.counterparts.map(function (c) {
      return PG.loadObligations(c).catch(function () { return []; });
    })));
  }).then(function (res) {
    state.measures = res[0]; state.closest = res[1]; state.comparison = res[2];
    state.counterparts.forEach(function (c, i) { state.cpMeasures[c] = res[3 + i]; });
    render();
  }).catch(function (e) { PG.showError(errEl, e); });
})();
