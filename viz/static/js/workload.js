/* Per-agency workload: counts by role and task section, deadline timeline, collaborators,
 * every counterpart's workload beside it. Data: /units/{name}, /units/{name}/obligations,
 * /network/collaboration?unit= (closest collaborators by shared measures). */
(function () {
  "use strict";
  var PG = window.PG, C = PG.COLORS;
  var $ = function (id) { return document.getElementById(id); };
  var name = document.body.dataset.unit;
  var errEl = $("error");
  var state = (window.pgWorkload = { unit: null, measures: [], counterparts: [], cpMeasures: {}, closest: null });

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

  function kpis(list, asOf) {
    var c = countRoles(list);
    var overdue = list.filter(function (m) { return m.role !== "shared" && PG.isOverdue(m, asOf); }).length;
    $("kpis").innerHTML = PG.ROLES.map(function (k) {
      return '<div class="pg-kpi ' + k + '" data-role="' + k + '"><div class="n">' + c[k] + '</div><div class="l">' +
        PG.ROLE_ZH[k] + " " + k + "</div></div>";
    }).join("") + '<div class="pg-kpi overdue" id="kpi-overdue"><div class="n">' + overdue +
      '</div><div class="l">已逾期 overdue（截至 ' + asOf + "，不含集体成员）</div></div>";
  }

  /** Month columns (SVG): stacked counts overdue / soon / later / ongoing, with an as-of line. */
  function timeline(list, asOf) {
    var dated = list.filter(function (m) { var d = PG.deadline(m); return d && d.date; });
    var el = $("timeline");
    if (!dated.length) { el.innerHTML = '<p class="pg-note">没有带日期的时限 (no dated deadlines)</p>'; return; }
    var months = {};
    var soonLimit = new Date(asOf); soonLimit.setDate(soonLimit.getDate() + 30);
    var soonIso = soonLimit.toISOString().slice(0, 10);
    dated.forEach(function (m) {
      var d = PG.deadline(m), key = d.date.slice(0, 7);
      var b = months[key] || (months[key] = { overdue: 0, soon: 0, later: 0, ongoing: 0 });
      if (PG.isOverdue(m, asOf)) b.overdue++;
      else if (d.kind === "ongoing") b.ongoing++;
      else if (d.date <= soonIso) b.soon++;
      else b.later++;
    });
    var keys = Object.keys(months).sort();
    // the months from the as-of date (or the first deadline) to the last deadline, so the line shows
    var asMonth = asOf.slice(0, 7);
    var first = keys[0] < asMonth ? keys[0] : asMonth, last = keys[keys.length - 1] > asMonth ? keys[keys.length - 1] : asMonth;
    var all = [], y = +first.slice(0, 4), mo = +first.slice(5, 7);
    while (true) {
      var k = y + "-" + String(mo).padStart(2, "0");
      all.push(k);
      if (k >= last || all.length > 60) break;
      mo++; if (mo > 12) { mo = 1; y++; }
    }
    var W = 1200, H = 220, padL = 36, padB = 28, padT = 14, colW = (W - padL - 10) / all.length;
    var max = Math.max.apply(null, all.map(function (k) {
      var b = months[k]; return b ? b.overdue + b.soon + b.later + b.ongoing : 0;
    }).concat([1]));
    var sy = function (v) { return (H - padB - padT) * v / max; };
    var colors = { overdue: "#c0392b", soon: "#d68910", later: "#2471a3", ongoing: "#c7ced6" };
    var svg = ['<svg viewBox="0 0 ' + W + " " + H + '" role="img" aria-label="完成时限分布">'];
    [0, 0.5, 1].forEach(function (f) {
      var yy = H - padB - sy(max * f);
      svg.push('<line x1="' + padL + '" x2="' + (W - 10) + '" y1="' + yy + '" y2="' + yy + '" stroke="#eef1f4"/>');
      svg.push('<g class="axis"><text x="' + (padL - 6) + '" y="' + (yy + 4) + '" text-anchor="end">' + Math.round(max * f) + "</text></g>");
    });
    all.forEach(function (k, i) {
      var b = months[k] || { overdue: 0, soon: 0, later: 0, ongoing: 0 };
      var x = padL + i * colW + colW * 0.18, w = colW * 0.64, base = H - padB;
      ["overdue", "soon", "later", "ongoing"].forEach(function (s) {
        if (!b[s]) return;
        var h = sy(b[s]);
        base -= h;
        svg.push('<rect class="tl-bar" data-month="' + k + '" data-kind="' + s + '" x="' + x.toFixed(1) + '" y="' + base.toFixed(1) +
          '" width="' + w.toFixed(1) + '" height="' + h.toFixed(1) + '" fill="' + colors[s] + '" rx="2"><title>' +
          k + " · " + b[s] + "</title></rect>");
      });
      var total = b.overdue + b.soon + b.later + b.ongoing;
      if (total) svg.push('<g class="axis"><text x="' + (x + w / 2) + '" y="' + (base - 4) + '" text-anchor="middle">' + total + "</text></g>");
      svg.push('<g class="axis"><text x="' + (x + w / 2) + '" y="' + (H - 10) + '" text-anchor="middle">' +
        (k.slice(5) === "01" || i === 0 ? k.slice(0, 4) + "年" : "") + (+k.slice(5)) + "月</text></g>");
    });
    var asKey = asOf.slice(0, 7), at = all.indexOf(asKey);
    if (at >= 0 || asKey > last) {
      var day = +asOf.slice(8, 10) / 31;
      var ax = at >= 0 ? padL + (at + day) * colW : W - 10;
      svg.push('<line x1="' + ax + '" x2="' + ax + '" y1="' + padT + '" y2="' + (H - padB) + '" stroke="#12355b" stroke-dasharray="4 3"/>');
      svg.push('<text x="' + (ax + 4) + '" y="' + (padT + 8) + '" font-size="11" fill="#12355b">截至 ' + asOf + "</text>");
    }
    svg.push("</svg>");
    el.innerHTML = svg.join("");
    $("tl-note").textContent = "共 " + dated.length + " 项带日期 · as of " + asOf;
    var rows = dated.slice().sort(function (a, b) {
      return PG.deadline(a).date < PG.deadline(b).date ? -1 : PG.deadline(a).date > PG.deadline(b).date ? 1 : 0;
    });
    $("due-table").innerHTML = "<thead><tr><th>时限 Due</th><th>状态</th><th>职责</th><th>措施 Measure</th><th>任务</th></tr></thead><tbody>" +
      rows.map(function (m) {
        var d = PG.deadline(m), over = PG.isOverdue(m, asOf);
        var st = over ? '<span class="pg-badge overdue">已逾期</span>' : d.kind === "ongoing" ? '<span class="pg-badge">持续推进</span>'
          : d.date <= soonIso ? '<span class="pg-badge soon">即将到期</span>' : '<span class="pg-badge">未到期</span>';
        return '<tr class="' + (over ? "overdue" : "") + '"><td style="white-space:nowrap">' + PG.escape(d.date) + "<br><span class=\"pg-note\">" +
          PG.escape(d.text) + "</span></td><td>" + st + '</td><td><span class="pg-chip ' + (m.role || "shared") + '">' +
          PG.ROLE_ZH[m.role || "shared"] + '</span></td><td><a href="/units/' + encodeURIComponent(state.unit.name) + '">' +
          PG.escape(PG.LEVEL_ZH[m.level] || "") + "第" + PG.measureLabel(m) + "项</a> " + PG.escape(String(m.text || "").slice(0, 90)) +
          (String(m.text || "").length > 90 ? "…" : "") + "</td><td>" + PG.escape(taskKey(m)) + "</td></tr>";
      }).join("") + "</tbody>";
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
    var over = function (list) { return list.filter(function (m) { return m.role !== "shared" && PG.isOverdue(m, asOf); }).length; };
    el.innerHTML = '<div class="pg-grid"><div class="span-6"><div id="cp-bars" class="pg-bars"></div>' +
      '<p class="pg-note">逾期 overdue（截至 ' + PG.escape(asOf) + "）：" + names.map(function (n, i) {
        return PG.escape(n) + " " + over(lists[i]);
      }).join(" · ") + '</p></div><div class="span-6 pg-scroll"><table class="pg-table" id="cp-table"></table></div></div>';
    bars($("cp-bars"), rows, { link: function (n) { return "/agency/" + encodeURIComponent(n); } });
    var tot = function (r) { return r ? r.lead + r.support + r.joint + r.shared : 0; };
    var keys = {}, order = [];
    lists.forEach(function (list, i) {
      byTask(list).forEach(function (r) {
        if (!keys[r.name]) { keys[r.name] = names.map(function () { return 0; }); order.push(r.name); }
        keys[r.name][i] = tot(r);
      });
    });
    $("cp-table").innerHTML = "<thead><tr><th>任务 Task section</th>" + names.map(function (n) {
      return '<th class="num">' + PG.escape(n) + "</th>";
    }).join("") + "</tr></thead><tbody>" + order.map(function (k) {
      return "<tr><td>" + PG.escape(k) + "</td>" + keys[k].map(function (v) { return '<td class="num">' + v + "</td>"; }).join("") + "</tr>";
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
    counterpart(asOf);
    document.body.dataset.ready = "1";
  }

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
    ].concat(state.counterparts.map(function (c) {
      return PG.loadObligations(c).catch(function () { return []; });
    })));
  }).then(function (res) {
    state.measures = res[0]; state.closest = res[1];
    state.counterparts.forEach(function (c, i) { state.cpMeasures[c] = res[2 + i]; });
    render();
  }).catch(function (e) { PG.showError(errEl, e); });
})();
