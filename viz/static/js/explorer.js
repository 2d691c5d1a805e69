/* PolicyGraph explorer: search an agency, see its neighbourhood at a readable level of detail,
 * expand a task section, read measures; or read the same measures as a table (list first).
 * Data: GET /units (completion), /units/{name} (the panel head), /units/{name}/obligations (the
 * list, the table, the measure panel), /graph/units/{name}/overview (the picture: one node per
 * task section, co-responsible agencies as weighted edges, expanded sections' measures, the
 * city/district pairs on demand, never more than the node budget; laid out by the server, so
 * the page and the downloadable file draw the same picture), /measures/{id} (a linked measure).
 * For tests and benchmarks: window.pgNetwork (vis.Network), window.pgState, and #graph carries
 * data-nodes / data-edges / data-stable / data-budget attributes. */
(function () {
  "use strict";
  var PG = window.PG, C = PG.COLORS;
  var BUDGET = 60;          // nodes drawn at most; past it the server summarises

  var params = new URLSearchParams(location.search);
  var state = (window.pgState = {
    units: [], byName: {}, root: null, rootUnit: null,
    obligations: {},        // agency name -> [measure]
    extraMeasures: {},      // measure id -> measure fetched on its own (linked measures)
    overview: null,         // the last /graph/units/{name}/overview answer
    expand: [],             // expanded section ids
    pairs: params.get("pairs") === "1",
    view: params.get("view") === "table" ? "table" : "graph",
    budget: Math.max(4, Math.min(1000, +params.get("budget") || BUDGET)),
    selected: null, timings: {},
    filters: { roles: { lead: true, support: true, joint: true, shared: true },
               levels: { city: true, district: true, other: true }, document: "", from: "", to: "" },
  });

  var $ = function (id) { return document.getElementById(id); };
  var graphEl = $("graph"), errEl = $("error");
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var network = null, request = 0;

  var OPTIONS = {
    autoResize: true,
    layout: { improvedLayout: false },
    physics: { enabled: false },
    nodes: { shape: "box", font: { face: PG.FONT, size: 13, color: "#1f2d3d", multi: false },
             borderWidth: 1, margin: 7, shapeProperties: { borderRadius: 4 },
             widthConstraint: { maximum: 128 } },
    edges: { smooth: false, width: 1.2, selectionWidth: 2, hoverWidth: 0.6,
             font: { face: PG.FONT, size: 11, color: "#4a5663", strokeWidth: 3, align: "middle" } },
    interaction: { hover: true, tooltipDelay: 120, multiselect: false },
  };

  function setStable(flag) { graphEl.dataset.stable = flag ? "1" : "0"; }

  function ensureNetwork() {
    if (network) return network;
    network = window.pgNetwork = new vis.Network(graphEl, { nodes: nodes, edges: edges }, OPTIONS);
    network.on("click", function (p) { if (p.nodes.length) onNodeClick(String(p.nodes[0])); });
    network.on("doubleClick", function (p) {
      var n = p.nodes.length && nodes.get(p.nodes[0]);
      if (n && n.kind === "unit" && n.unit !== state.root) openUnit(n.unit);
    });
    return network;
  }

  // ---- filtering (the list, the table; the picture asks the server with the same filters) ----
  function measureLevel(m) { return m.level === "city" || m.level === "district" ? m.level : "other"; }

  function passes(m) {
    var f = state.filters;
    if (!f.roles[m.role || "shared"]) return false;
    if (!f.levels[measureLevel(m)]) return false;
    if (f.document && m.document_id !== f.document) return false;
    var d = PG.deadline(m);
    if (f.from || f.to) {
      if (!d || !d.date) return false;
      if (f.from && d.date < f.from) return false;
      if (f.to && d.date > f.to) return false;
    }
    return true;
  }

  function filtered(name) { return (state.obligations[name] || []).filter(passes); }

  /** The overview's query string: budget, expanded sections, pairs, and the page's filters. */
  function overviewQuery() {
    var q = [["budget", state.budget]], f = state.filters;
    state.expand.forEach(function (id) { q.push(["expand", id]); });
    if (state.pairs) q.push(["pairs", "true"]);
    var roles = PG.ROLES.filter(function (r) { return f.roles[r]; });
    if (roles.length < PG.ROLES.length) (roles.length ? roles : ["none"]).forEach(function (r) { q.push(["role", r]); });
    var levels = ["city", "district", "other"].filter(function (l) { return f.levels[l]; });
    if (levels.length < 3) (levels.length ? levels : ["none"]).forEach(function (l) { q.push(["level", l]); });
    if (f.document) q.push(["document", f.document]);
    if (f.from) q.push(["due_after", f.from]);
    if (f.to) q.push(["due_before", f.to]);
    return q.map(function (kv) { return encodeURIComponent(kv[0]) + "=" + encodeURIComponent(kv[1]); }).join("&");
  }

  function emptyOverview() {
    return { nodes: [], edges: [], sections: [], partners: [], count: 0, total: 0, budget: state.budget,
             summary: { summarised: false } };
  }

  function fetchOverview() {
    var f = state.filters;
    var none = !PG.ROLES.some(function (r) { return f.roles[r]; }) ||
      !["city", "district", "other"].some(function (l) { return f.levels[l]; });
    if (none) return Promise.resolve(emptyOverview());
    return PG.api("/graph/units/" + encodeURIComponent(state.root) + "/overview?" + overviewQuery());
  }

  // ---- styling: one look per kind of node (the server says what each node is) -------------
  function styleNode(n) {
    var lvl = n.level === "city" || n.level === "district" ? n.level : "other";
    var out = { id: n.id, label: n.label, title: n.title, x: n.x, y: n.y, kind: n.kind, group: n.group,
                unit: n.unit, measure_id: n.measure_id, section: n.section, level: lvl, count: n.count };
    var asOf = PG.today();
    switch (n.group) {
      case "root":
        out.color = { background: n.collective ? "#dfe4ea" : C[lvl], border: "#12355b" };
        out.font = { color: "#ffffff", size: 16, face: PG.FONT, bold: { color: "#ffffff" } };
        out.borderWidth = 3; out.margin = 10;
        break;
      case "section":
        out.color = { background: n.expanded ? "#fff6d5" : "#eef3f9", border: n.expanded ? "#12355b" : C[lvl],
                      highlight: { background: "#fff6d5", border: "#12355b" }, hover: { background: "#f7fafd", border: "#12355b" } };
        out.font = { size: 13, color: "#1f2d3d", face: PG.FONT };
        out.borderWidth = n.expanded ? 2.5 : 1.5;
        out.title = n.title + (n.expanded ? "\n点击收起 click to collapse" : "\n点击展开措施 click to expand");
        break;
      case "measure":
      case "pair":
        var overdue = n.due && n.due < asOf;
        out.color = { background: overdue ? "#f5c6c0" : "#ffffff", border: n.group === "pair" ? C.city : (C[n.role] || C.other),
                      highlight: { background: "#fff6d5", border: "#12355b" } };
        out.font = { size: 12, color: "#1f2d3d", face: PG.FONT };
        out.borderWidth = 2;
        out.shapeProperties = { borderRadius: 10, borderDashes: n.group === "pair" ? [5, 3] : false };
        out.widthConstraint = { maximum: 118 };
        break;
      case "partner":
      case "counterpart":
        var bg = n.collective ? "#dfe4ea" : C[lvl];
        out.color = { background: bg, border: n.group === "counterpart" ? "#7a4f09" : bg,
                      highlight: { background: bg, border: "#12355b" }, hover: { background: bg, border: "#12355b" } };
        out.font = { color: n.collective ? "#1f2d3d" : "#ffffff", size: 12, face: PG.FONT };
        out.borderWidth = n.group === "counterpart" ? 3 : 1;
        out.shapeProperties = { borderRadius: 4, borderDashes: n.group === "counterpart" ? [5, 3] : false };
        out.title = n.title + "\n点击查看共同措施 · 双击设为中心";
        break;
      default: // summary, more
        out.color = { background: "#f4f6f8", border: "#95a5a6", highlight: { background: "#eaf1fb", border: "#12355b" } };
        out.font = { size: 12, color: "#4a5663", face: PG.FONT };
        out.shapeProperties = { borderRadius: 4, borderDashes: [4, 3] };
        out.title = (n.title || "") + "\n点击查看列表 click for the table";
    }
    return out;
  }

  function styleEdge(e) {
    var out = { id: e.id, from: e.from, to: e.to, kind: e.kind, title: e.title };
    switch (e.kind) {
      case "section":
        out.color = { color: "#aab6c3", opacity: 0.9 }; out.width = 1 + Math.min(4, Math.log2(1 + (e.weight || 1)));
        out.title = (e.weight || "") + " 项";
        break;
      case "partner":
        out.color = { color: "#7f8fa3", opacity: 0.7, highlight: "#12355b" };
        out.width = Math.min(9, 1 + Math.sqrt(e.weight || 1) * 1.2);
        out.label = String(e.weight || ""); out.font = { size: 13, color: "#12355b", strokeWidth: 4 }; out.title = "共同负责 " + (e.weight || 0) + " 项 measures shared";
        break;
      case "pair":
      case "counterpart":
        out.color = { color: C.city, opacity: 0.95 }; out.dashes = [6, 4]; out.width = 2; out.chain = true;
        if (e.kind === "counterpart") { out.label = "对口"; out.title = "对口单位 counterpart（COUNTERPART_OF）"; }
        break;
      case "co":
        out.color = { color: C[e.role] || C.other, opacity: 0.35 }; out.width = 1;
        out.title = PG.ROLE_ZH[e.role] || e.role;
        break;
      case "summary":
        out.color = { color: "#c3ccd5" }; out.dashes = [2, 4]; out.width = 1;
        break;
      default: // a role: section -> measure
        out.color = { color: C[e.kind] || C.other, opacity: 0.9 }; out.width = e.kind === "lead" ? 2.2 : 1.4;
        out.dashes = e.kind === "shared"; out.title = PG.ROLE_ZH[e.kind] || e.kind;
    }
    return out;
  }

  // ---- drawing ---------------------------------------------------------------------------
  function draw(answer, fresh) {
    var t0 = performance.now();
    state.overview = answer;
    ensureNetwork();
    setStable(false);
    var want = {}, wantE = {};
    answer.nodes.forEach(function (n) { want[n.id] = styleNode(n); });
    answer.edges.forEach(function (e) { wantE[e.id] = styleEdge(e); });
    if (fresh) {
      nodes.clear(); edges.clear();
      nodes.add(Object.keys(want).map(function (id) { return want[id]; }));
      edges.add(Object.keys(wantE).map(function (id) { return wantE[id]; }));
    } else {
      edges.remove(edges.getIds().filter(function (id) { return !wantE[id]; }));
      nodes.remove(nodes.getIds().filter(function (id) { return !want[id]; }));
      nodes.update(Object.keys(want).map(function (id) { return want[id]; }));
      edges.update(Object.keys(wantE).map(function (id) { return wantE[id]; }));
    }
    if (state.selected && nodes.get("measure:" + state.selected)) network.selectNodes(["measure:" + state.selected]);
    network.fit({ animation: false });
    state.timings.draw = performance.now() - t0;
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      state.timings.stabilized = performance.now();
      setStable(true);
    }
    network.once("afterDrawing", finish);
    setTimeout(finish, 400);
    graphEl.dataset.nodes = String(nodes.length);
    graphEl.dataset.edges = String(edges.length);
    graphEl.dataset.budget = String(answer.budget);
    var s = answer.summary || {};
    $("graph-count").textContent = "节点 " + nodes.length + " / 上限 " + answer.budget + " · 连线 " + edges.length;
    var notes = [];
    if (s.sections_hidden) notes.push("另有 " + s.sections_hidden + " 个任务（" + s.measures_in_hidden_sections + " 项）");
    if (s.partners_hidden) notes.push(s.partners_hidden + " 个单位");
    if (s.measures_hidden) notes.push(s.measures_hidden + " 项措施");
    $("graph-summary").textContent = notes.length ? "已汇总 summarised：" + notes.join("、") + "未画出，见表格" : "";
    $("graph-summary").hidden = !notes.length;
    $("empty").hidden = nodes.length > 0 || state.view === "table";
  }

  function refresh(fresh) {
    if (!state.root) return Promise.resolve();
    var mine = ++request;
    return fetchOverview().then(function (answer) {
      if (mine !== request) return;   // a newer request is under way
      state.timings.fetched = state.timings.fetched || performance.now();
      draw(answer, fresh);
    }).catch(function (e) { PG.showError(errEl, e); });
  }

  // ---- side panel ------------------------------------------------------------------------
  function counterpartNames(u) {
    var cps = u.counterparts || u.counterpart || [];
    if (!Array.isArray(cps)) cps = [cps];
    return cps.map(function (c) { return typeof c === "string" ? c : c && c.name; })
      .filter(function (n, i, all) { return n && n !== u.name && all.indexOf(n) === i; });
  }

  function measureLine(m) {
    return PG.escape((PG.LEVEL_ZH[m.level] || "") + " 第" + PG.measureLabel(m) + "项");
  }

  function renderPanel() {
    var u = state.rootUnit, all = state.obligations[state.root] || [];
    var counts = { lead: 0, support: 0, joint: 0, shared: 0 };
    all.forEach(function (m) { counts[m.role || "shared"] = (counts[m.role || "shared"] || 0) + 1; });
    var lvl = PG.levelOf(u), cps = counterpartNames(u), enc = encodeURIComponent(u.name);
    $("side-head").innerHTML =
      "<h2>" + PG.escape(u.name) + "</h2>" +
      '<div class="meta"><span class="pg-chip ' + lvl + '">' + PG.escape(PG.LEVEL_ZH[u.level] || u.level || "") +
      "</span> " + PG.escape(u.government || "") +
      (u.aliases && u.aliases.length ? " · 又称 " + PG.escape(u.aliases.join("、")) : "") + "</div>" +
      '<div class="pg-counts">' + PG.ROLES.map(function (r) {
        return '<span class="pg-chip ' + r + '">' + PG.ROLE_ZH[r] + " " + counts[r] + "</span>";
      }).join("") + "</div>" +
      (cps.length ? '<div class="meta" style="margin-top:8px">对口单位 Counterpart：' + cps.map(function (c) {
        return '<a href="#" data-open="' + PG.escape(c) + '">' + PG.escape(c) + "</a>";
      }).join("、") + "</div>" : "") +
      '<div class="pg-side-links"><a id="workload-link" href="/agency/' + enc + '">工作量 Workload →</a>' +
      '<a href="/units/' + enc + '/network.html">下载网络图 (HTML)</a>' +
      '<a href="/units/' + enc + '/obligations" type="application/json">JSON</a></div>';
    var list = filtered(state.root), asOf = PG.today();
    $("measure-count").textContent = "措施 Measures：" + list.length + " / " + all.length + "（按筛选 filtered）";
    $("measure-list").innerHTML = list.slice(0, 400).map(function (m) {
      var d = PG.deadline(m), over = PG.isOverdue(m, asOf);
      return '<li class="measure' + (state.selected === m.id ? " selected" : "") + '" data-id="' + PG.escape(m.id) + '">' +
        '<div class="m-head"><span class="pg-chip ' + (m.role || "shared") + '">' + PG.ROLE_ZH[m.role || "shared"] +
        "</span><span>" + measureLine(m) + (m.task && m.task.title ? " · " + PG.escape(m.task.title) : "") + "</span>" +
        '<span class="m-due' + (over ? " overdue" : "") + '">' + PG.escape(d ? (d.date || d.text) : "") + "</span></div>" +
        '<div class="m-text">' + PG.escape(m.text) + "</div></li>";
    }).join("");
    var docs = {};
    all.forEach(function (m) { docs[m.document_id] = m.document_title || m.document_id; });
    var sel = $("f-document"), cur = state.filters.document;
    sel.innerHTML = '<option value="">全部文件 (all)</option>' + Object.keys(docs).sort().map(function (id) {
      return '<option value="' + PG.escape(id) + '"' + (id === cur ? " selected" : "") + ">" + PG.escape(docs[id]) + "</option>";
    }).join("");
    renderTable();
  }

  /** The list-first view: the agency's measures as a table, same filters as the list. */
  function renderTable() {
    if (state.view !== "table" || !state.root) return;
    var list = filtered(state.root), asOf = PG.today(), sections = {};
    (state.overview ? state.overview.sections : []).forEach(function (s) { sections[s.task_id] = s; });
    $("table-count").textContent = list.length + " 项措施 measures（" + state.root + "，按筛选 filtered）";
    $("table-body").innerHTML = list.map(function (m) {
      var d = PG.deadline(m), over = PG.isOverdue(m, asOf);
      var others = (m.co_responsible || []).map(function (c) { return c.unit + "（" + (PG.ROLE_ZH[c.role] || c.role) + "）"; });
      return '<tr data-id="' + PG.escape(m.id) + '"' + (state.selected === m.id ? ' class="selected"' : "") + ">" +
        "<td>" + PG.escape(m.task ? (m.task.seq ? "（" + m.task.seq + "）" : "") + (m.task.title || "") : "") + "</td>" +
        '<td class="num">' + PG.escape(PG.measureLabel(m)) + "</td>" +
        '<td class="text">' + PG.escape(m.text || "") + "</td>" +
        '<td><span class="pg-chip ' + (m.role || "shared") + '">' + PG.ROLE_ZH[m.role || "shared"] + "</span></td>" +
        '<td class="' + (over ? "overdue" : "") + '">' + PG.escape(d ? (d.date || d.text || "") : "") + "</td>" +
        '<td class="units">' + PG.escape(others.slice(0, 6).join("、") + (others.length > 6 ? "…" : "")) + "</td></tr>";
    }).join("") || '<tr><td colspan="6" class="pg-note">无措施 (nothing matches the filters)</td></tr>';
  }

  function findMeasure(id) {
    if (state.extraMeasures[id]) return state.extraMeasures[id];
    for (var name in state.obligations) {
      var hit = state.obligations[name].filter(function (m) { return m.id === id; })[0];
      if (hit) { hit.owner = name; return hit; }
    }
    return null;
  }

  function linkedMeasure(l, level) {
    var full = state.extraMeasures[l.id] || findMeasure(l.id);
    var lm = full || Object.assign({ level: level, number: null }, l);
    if (!lm.level) lm.level = level;
    if (lm.number == null && l.id) lm.number = String(l.id).split(":").pop();
    return lm;
  }

  function showMeasure(m) {
    state.selected = m.id;
    var d = PG.deadline(m), el = $("detail");
    var units = (m.co_responsible || []).slice();
    if (m.owner && m.role && m.role !== "shared" && !units.some(function (c) { return c.unit === m.owner; })) {
      units.unshift({ unit: m.owner, role: m.role });
      units.sort(function (a, b) { return (a.order || (a.role === "lead" ? 0 : 9)) - (b.order || (b.role === "lead" ? 0 : 9)); });
    }
    var roleChip = m.role && (!m.owner || m.owner === state.root)
      ? ' <span class="pg-chip ' + m.role + '">' + PG.ROLE_ZH[m.role] + "</span>"
      : m.role && m.owner ? ' <span class="pg-chip ' + m.role + '">' + PG.escape(m.owner) + " " + PG.ROLE_ZH[m.role] + "</span>" : "";
    var link = function (l, level) {
      var lm = linkedMeasure(l, level), text = String(lm.text || l.text || "");
      return '<a href="#" class="chain-link" data-measure="' + PG.escape(l.id) + '" title="' + PG.escape(l.id) + '">' +
        measureLine(lm) + "</a>" +
        (text ? ' <span class="pg-note">' + PG.escape(text.length > 42 ? text.slice(0, 41) + "…" : text) + "</span>" : "");
    };
    var links = function (list, level) {
      return (list || []).map(function (l) { return '<div class="chain-item">' + link(l, level) + "</div>"; }).join("") || "—";
    };
    el.hidden = false;
    el.innerHTML = "<h4><span>" + measureLine(m) + roleChip + '</span><button class="close" title="关闭">×</button></h4>' +
      '<div class="text">' + PG.escape(m.text || "") + "</div><dl>" +
      "<dt>任务</dt><dd>" + PG.escape(m.task ? (m.task.seq ? "（" + m.task.seq + "）" : "") + (m.task.title || "") : "") + "</dd>" +
      "<dt>文件</dt><dd>" + PG.escape(m.document_title || m.document_id || "") + "</dd>" +
      "<dt>时限</dt><dd>" + (d ? PG.escape(d.text || "") + (d.date ? ' <span class="pg-badge' +
        (PG.isOverdue(m, PG.today()) ? " overdue" : "") + '">' + PG.escape(d.date) + "</span>" : "") : "—") + "</dd>" +
      '<dt>责任单位</dt><dd class="units">' + (units.length ? units.map(function (c) {
        return '<a href="#" data-open="' + PG.escape(c.unit) + '" style="color:' + (C[c.role] || C.other) + '">' +
          PG.escape(c.unit) + "（" + PG.escape(PG.ROLE_ZH[c.role] || c.role) + "）</a>";
      }).join("") : "—") + "</dd>" +
      "<dt>目标</dt><dd>" + ((m.targets || []).length ? m.targets.map(function (t) {
        return PG.escape(t.text || (t.indicator + " " + t.op + " " + t.value + (t.unit || "")));
      }).join("<br>") : "—") + "</dd>" +
      '<dt title="city measure above">上级措施</dt><dd id="chain-up">' + links(m.city_measures, "city") + "</dd>" +
      '<dt title="district measures below">下级措施</dt><dd id="chain-down">' + links(m.district_measures, "district") + "</dd>" +
      '<dt>链接</dt><dd><a href="/measures/' + encodeURIComponent(m.id) + '">JSON</a> · <a href="/measures/' +
      encodeURIComponent(m.id) + '/chain">上下级链条 chain</a></dd></dl>';
    document.querySelectorAll("#measure-list li.measure, #table-body tr").forEach(function (li) {
      li.classList.toggle("selected", li.dataset.id === m.id);
    });
    if (network && nodes.get("measure:" + m.id)) network.selectNodes(["measure:" + m.id]);
  }

  function openMeasure(id) {
    var m = findMeasure(id);
    if (m && m.text && m.co_responsible) { showMeasure(m); return Promise.resolve(m); }
    return PG.api("/measures/" + encodeURIComponent(id)).then(function (body) {
      var mm = body.data && !Array.isArray(body.data) ? body.data : body;
      if (!mm.co_responsible && mm.responsible) mm.co_responsible = mm.responsible;
      state.extraMeasures[id] = mm;
      showMeasure(mm);
      return mm;
    }).catch(function (e) { PG.showError(errEl, e); });
  }

  /** A co-responsible agency clicked: the measures it shares with the root, in the panel. */
  function showPartner(name) {
    var p = (state.overview.partners || []).filter(function (x) { return x.unit === name; })[0];
    var el = $("detail");
    el.hidden = false;
    var ms = p ? p.measures.map(findMeasure).filter(Boolean) : [];
    el.innerHTML = "<h4><span>" + PG.escape(name) + '</span><button class="close" title="关闭">×</button></h4>' +
      '<div class="pg-note">与 ' + PG.escape(state.root) + " 共同负责 " + (p ? p.weight : 0) + " 项 measures shared · " +
      '<a href="#" data-open="' + PG.escape(name) + '">设为中心 open →</a></div><ul class="pg-shared">' +
      ms.map(function (m) {
        return '<li><a href="#" data-measure="' + PG.escape(m.id) + '">' + measureLine(m) + "</a> " +
          PG.escape(String(m.text || "").slice(0, 40)) + "…</li>";
      }).join("") + "</ul>";
  }

  // ---- actions ---------------------------------------------------------------------------
  function loadUnitObligations(name) {
    if (state.obligations[name]) return Promise.resolve(state.obligations[name]);
    return PG.loadObligations(name).then(function (list) { state.obligations[name] = list; return list; });
  }

  function syncUrl(push) {
    var u = new URL(location.origin + PG.unitPath(state.root));
    if (state.view === "table") u.searchParams.set("view", "table");
    if (state.pairs) u.searchParams.set("pairs", "1");
    if (state.budget !== BUDGET) u.searchParams.set("budget", String(state.budget));
    if (push) history.pushState({ unit: state.root }, "", u.pathname + u.search);
    else history.replaceState({ unit: state.root }, "", u.pathname + u.search);
  }

  function openUnit(name, push) {
    errEl.hidden = true;
    state.timings = { start: performance.now() };
    return PG.api(PG.unitPath(name)).then(function (body) {
      var u = body.data && !Array.isArray(body.data) ? body.data : body;
      state.root = u.name; state.rootUnit = u;
      if (!state.byName[u.name]) state.byName[u.name] = u;
      state.expand = []; state.selected = null; state.filters.document = "";
      $("detail").hidden = true;
      $("search").value = u.name;
      document.title = u.name + " · PolicyGraph 图谱浏览";
      if (PG.setGovernment) PG.setGovernment(u.government);
      syncUrl(push !== false);
      graphEl.dataset.unit = u.name;
      var list = loadUnitObligations(u.name).then(function () { renderPanel(); });
      return Promise.all([list, refresh(true)]);
    }).catch(function (e) { PG.showError(errEl, e); });
  }

  function onNodeClick(id) {
    var n = nodes.get(id);
    if (!n) return;
    if (n.kind === "section") {
      var at = state.expand.indexOf(id);
      if (at >= 0) state.expand.splice(at, 1);
      else state.expand = [id];     // one section open at a time keeps the picture readable
      refresh(false);
    } else if (n.kind === "measure" || n.kind === "pair") {
      openMeasure(n.measure_id);
    } else if (n.kind === "unit" && n.unit !== state.root) {
      showPartner(n.unit);
    } else if (n.kind === "summary" || n.kind === "more") {
      setView("table");
    }
  }

  function setView(view) {
    state.view = view;
    document.body.dataset.view = view;
    $("view-graph").classList.toggle("primary", view === "graph");
    $("view-table").classList.toggle("primary", view === "table");
    $("table-view").hidden = view !== "table";
    graphEl.style.visibility = view === "table" ? "hidden" : "visible";
    $("empty").hidden = view === "table" || nodes.length > 0;
    renderTable();
    if (state.root) syncUrl(false);
    if (view === "graph" && network) network.fit({ animation: false });
  }

  function readFilters() {
    var f = state.filters;
    document.querySelectorAll("input[data-role]").forEach(function (cb) { f.roles[cb.dataset.role] = cb.checked; });
    document.querySelectorAll("input[data-level]").forEach(function (cb) {
      f.levels[cb.dataset.level] = cb.checked;
      if (cb.dataset.level === "district") f.levels.other = cb.checked || f.levels.city;
    });
    f.document = $("f-document").value;
    f.from = $("f-from").value; f.to = $("f-to").value;
  }

  function onFilter() {
    readFilters();
    if (!state.root) return;
    renderPanel();
    refresh(false);
  }

  // ---- wiring ----------------------------------------------------------------------------
  document.querySelectorAll(".pg-filters input, .pg-filters select").forEach(function (el) {
    el.addEventListener("change", onFilter);
  });
  $("f-reset").addEventListener("click", function () {
    document.querySelectorAll(".pg-filters input[type=checkbox]").forEach(function (cb) { cb.checked = true; });
    $("f-from").value = ""; $("f-to").value = ""; $("f-document").value = "";
    onFilter();
  });
  $("pairs").checked = state.pairs;
  $("pairs").addEventListener("change", function () {
    state.pairs = $("pairs").checked;
    if (state.root) { syncUrl(false); refresh(false); }
  });
  $("fit").addEventListener("click", function () { if (network) network.fit({ animation: false }); });
  $("view-graph").addEventListener("click", function () { setView("graph"); });
  $("view-table").addEventListener("click", function () { setView("table"); });
  $("measure-list").addEventListener("click", function (e) {
    var li = e.target.closest("li.measure");
    if (li) openMeasure(li.dataset.id);
  });
  $("table-body").addEventListener("click", function (e) {
    var tr = e.target.closest("tr[data-id]");
    if (tr) openMeasure(tr.dataset.id);
  });
  document.addEventListener("click", function (e) {
    var a = e.target.closest("a[data-open], a[data-measure], button.close");
    if (!a) return;
    e.preventDefault();
    if (a.dataset.open) openUnit(a.dataset.open);
    else if (a.dataset.measure) openMeasure(a.dataset.measure);
    else { $("detail").hidden = true; state.selected = null; }
  });
  window.addEventListener("popstate", function (e) {
    if (e.state && e.state.unit) openUnit(e.state.unit, false);
  });

  PG.completion($("search"), $("search-suggestions"), function () { return state.units; }, function (u) {
    openUnit(u.name);
  });

  window.pgOpenUnit = openUnit;
  window.pgSetView = setView;
  setView(state.view);
  /* The completion list (every agency) is only needed to type: on a large store it is the
   * slowest read, so a deep link draws first and fetches it afterwards (or on first focus). */
  var unitsLoading = null;
  function loadCompletion() {
    if (unitsLoading) return unitsLoading;
    unitsLoading = PG.loadUnits().then(function (units) {
      state.units = units.filter(function (u) { return u && u.name; });
      state.byName = PG.indexUnits(state.units);
      document.body.dataset.unitsLoaded = String(state.units.length);
    }).catch(function (e) { PG.showError(errEl, e); });
    return unitsLoading;
  }
  $("search").addEventListener("focus", loadCompletion);
  var initial = document.body.dataset.initialUnit;
  if (initial) openUnit(initial, false).then(loadCompletion);
  else loadCompletion();
})();
