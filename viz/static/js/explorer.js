/* PolicyGraph explorer: search an agency, draw its neighbourhood, expand, filter, read measures.
 * Data: GET /units (completion), /units/{name} (counterparts), /units/{name}/obligations (measures,
 * co-responsible agencies, linked city/district measures), /measures/{id} (a linked measure).
 * For tests and benchmarks: window.pgNetwork (vis.Network), window.pgState, and #graph carries
 * data-nodes / data-edges / data-stable attributes. */
(function () {
  "use strict";
  var PG = window.PG, C = PG.COLORS;
  var STEP = 40;            // measures drawn per agency before "show more"
  var MAX_NODES = 300;      // hard cap on drawn nodes (Neo4j Browser's default)
  var STAB_ITER = 150;      // bounded stabilisation, then physics off

  var state = (window.pgState = {
    units: [], byName: {}, root: null, rootUnit: null,
    obligations: {},        // agency name -> [measure]
    extraMeasures: {},      // measure id -> measure fetched on its own (linked measures)
    expanded: [],           // agencies whose measures are drawn, root first
    expandedMeasures: {},   // measure id -> true (linked measures' agencies drawn)
    cap: STEP, selected: null, truncated: false, timings: {},
    filters: { roles: { lead: true, support: true, joint: true, shared: true },
               levels: { city: true, district: true, other: true }, document: "", from: "", to: "" },
  });

  var $ = function (id) { return document.getElementById(id); };
  var graphEl = $("graph"), errEl = $("error");
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var network = null;

  function options(n) {
    return {
      autoResize: true,
      layout: { improvedLayout: n <= 150, randomSeed: 7 },
      nodes: { font: { face: PG.FONT, size: 13, color: "#1f2d3d" }, borderWidth: 1,
               shapeProperties: { borderRadius: 4 }, margin: 6 },
      edges: { smooth: false, width: 1.4, selectionWidth: 2.5, hoverWidth: 0.6,
               font: { face: PG.FONT, size: 10, color: "#6b7785", strokeWidth: 3, align: "middle" } },
      physics: { enabled: true, solver: "barnesHut",
                 barnesHut: { gravitationalConstant: -8000, centralGravity: 0.2, springLength: 130,
                              springConstant: 0.03, damping: 0.2, avoidOverlap: 0.4 },
                 stabilization: { enabled: true, iterations: STAB_ITER, updateInterval: 1000, fit: true },
                 maxVelocity: 60, minVelocity: 1 },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: n > 200, hideEdgesOnZoom: n > 200 },
    };
  }

  function setStable(flag) {
    graphEl.dataset.stable = flag ? "1" : "0";
  }

  function ensureNetwork(n) {
    if (network) return network;
    network = window.pgNetwork = new vis.Network(graphEl, { nodes: nodes, edges: edges }, options(n));
    network.on("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      state.timings.stabilized = performance.now();
      setStable(true);
    });
    network.on("click", function (p) {
      if (p.nodes.length) onNodeClick(p.nodes[0]);
    });
    network.on("doubleClick", function (p) {
      if (p.nodes.length && String(p.nodes[0]).indexOf("u:") === 0) openUnit(String(p.nodes[0]).slice(2));
    });
    return network;
  }

  // ---- filtering ------------------------------------------------------------------------
  function unitLevel(name) { return PG.levelOf(state.byName[name]); }
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

  function sortMeasures(list) {
    var order = { lead: 0, joint: 1, support: 2, shared: 3 };
    return list.slice().sort(function (a, b) {
      return (order[a.role] - order[b.role]) || String(a.document_id).localeCompare(String(b.document_id)) ||
        (a.number - b.number) || (a.clause - b.clause);
    });
  }

  function filtered(name) { return sortMeasures((state.obligations[name] || []).filter(passes)); }

  // ---- graph model ----------------------------------------------------------------------
  function agencyNode(name, isRoot) {
    var u = state.byName[name] || { name: name, level: "unknown" };
    var lvl = PG.levelOf(u), bg = u.collective ? "#dfe4ea" : C[lvl];
    var expanded = state.expanded.indexOf(name) >= 0;
    return {
      id: "u:" + name, label: PG.wrap(name, 6, 3), group: "unit", shape: "box",
      title: name + (u.aliases && u.aliases.length ? "（又称 " + u.aliases.join("、") + "）" : "") + "\n" +
        (PG.LEVEL_ZH[u.level] || "") + (u.government ? " · " + u.government : "") +
        (isRoot ? "" : expanded ? "\n点击收起 · 双击设为中心" : "\n点击展开 (click to expand) · 双击设为中心"),
      color: { background: bg, border: isRoot ? "#12355b" : bg,
               highlight: { background: bg, border: "#12355b" }, hover: { background: bg, border: "#12355b" } },
      font: { color: u.collective ? "#1f2d3d" : "#ffffff", size: isRoot ? 16 : 13, face: PG.FONT,
              bold: isRoot ? { color: "#ffffff" } : undefined },
      borderWidth: isRoot ? 3 : expanded ? 2 : 1, level: lvl,
    };
  }

  function measureNode(m) {
    var lvl = measureLevel(m), border = C[lvl] || C.other;
    var d = PG.deadline(m), asOf = PG.today();
    var sel = state.selected === m.id;
    return {
      id: "m:" + m.id, group: "measure", shape: "dot", size: sel ? 13 : 9,
      label: (lvl === "city" ? "市" : lvl === "district" ? "区" : "") + PG.measureLabel(m),
      title: PG.wrap(String(m.text || ""), 28, 6) + (d ? "\n时限：" + (d.text || d.date || "") : ""),
      color: { background: PG.isOverdue(m, asOf) ? "#f5c6c0" : "#ffffff", border: border,
               highlight: { background: "#fff6d5", border: "#12355b" } },
      borderWidth: sel ? 3 : 2, font: { size: 11, color: "#4a5663", face: PG.FONT }, level: lvl,
    };
  }

  function roleEdge(from, to, role) {
    return { id: from + ">" + to, from: from, to: to, color: { color: C[role] || C.other, opacity: 0.85 },
             dashes: role === "shared", width: role === "lead" ? 2.2 : 1.4, title: PG.ROLE_ZH[role] || role };
  }

  function build() {
    var want = {}, wantEdges = {}, count = 0, truncated = false;
    function addNode(n) {
      if (want[n.id]) return true;
      if (count >= MAX_NODES) { truncated = true; return false; }
      want[n.id] = n; count++; return true;
    }
    function addEdge(e) { if (want[e.from] && want[e.to]) wantEdges[e.id] = e; }
    function measureWithNeighbours(m, via) {
      if (!addNode(measureNode(m))) return;
      addEdge(roleEdge("u:" + via, "m:" + m.id, m.role || "shared"));
      (m.co_responsible || []).forEach(function (c) {
        if (c.unit === via) return;
        if (!state.filters.levels[unitLevel(c.unit)] && state.expanded.indexOf(c.unit) < 0) return;
        if (addNode(agencyNode(c.unit, false))) addEdge(roleEdge("u:" + c.unit, "m:" + m.id, c.role));
      });
      [["city_measures", "city"], ["district_measures", "district"]].forEach(function (pair) {
        (m[pair[0]] || []).forEach(function (l) {
          if (!state.filters.levels[pair[1]]) return;
          var lm = state.extraMeasures[l.id] || Object.assign({ level: pair[1], number: null }, l);
          if (!lm.number && l.id) lm.number = String(l.id).split(":").pop();
          if (addNode(measureNode(lm))) {
            var e = { id: "m:" + m.id + "~m:" + lm.id, from: "m:" + m.id, to: "m:" + lm.id,
                      color: { color: "#b9770e", opacity: 0.9 }, dashes: [6, 4], width: 2,
                      title: pair[1] === "city" ? "对应市级措施 (city measure above)" : "对应区级措施 (district measure below)" };
            addEdge(e);
          }
        });
      });
    }
    state.expanded.forEach(function (name, i) {
      if (!addNode(agencyNode(name, i === 0))) return;
      var list = filtered(name);
      var cap = i === 0 ? state.cap : Math.min(state.cap, STEP);
      if (list.length > cap) truncated = true;
      list.slice(0, cap).forEach(function (m) { measureWithNeighbours(m, name); });
    });
    Object.keys(state.expandedMeasures).forEach(function (id) {
      var m = state.extraMeasures[id];
      if (!m || !want["m:" + id]) return;
      (m.co_responsible || []).forEach(function (c) {
        if (addNode(agencyNode(c.unit, false))) addEdge(roleEdge("u:" + c.unit, "m:" + id, c.role));
      });
    });
    state.truncated = truncated;
    return { nodes: want, edges: wantEdges };
  }

  function draw(fresh) {
    var t0 = performance.now();
    var g = build();
    var ids = Object.keys(g.nodes);
    ensureNetwork(ids.length);
    var added = [];
    if (fresh) {
      setStable(false);
      nodes.clear(); edges.clear();
      network.setOptions(options(ids.length));
      nodes.add(ids.map(function (id) { return g.nodes[id]; }));
      edges.add(Object.keys(g.edges).map(function (id) { return g.edges[id]; }));
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(STAB_ITER);
    } else {
      var removeN = nodes.getIds().filter(function (id) { return !g.nodes[id]; });
      var removeE = edges.getIds().filter(function (id) { return !g.edges[id]; });
      edges.remove(removeE); nodes.remove(removeN);
      var positions = network.getPositions();
      ids.forEach(function (id) {
        if (!nodes.get(id)) added.push(id);
      });
      // place new nodes next to a neighbour already on the canvas
      var upd = ids.map(function (id) {
        var n = g.nodes[id];
        if (added.indexOf(id) >= 0) {
          var anchor = null;
          Object.keys(g.edges).some(function (eid) {
            var e = g.edges[eid], other = e.from === id ? e.to : e.to === id ? e.from : null;
            if (other && positions[other]) { anchor = positions[other]; return true; }
            return false;
          });
          if (anchor) { n.x = anchor.x + (Math.random() - 0.5) * 160; n.y = anchor.y + (Math.random() - 0.5) * 160; }
        }
        return n;
      });
      nodes.update(upd);
      edges.update(Object.keys(g.edges).map(function (id) { return g.edges[id]; }));
      if (added.length) {
        setStable(false);
        network.setOptions({ physics: { enabled: true } });
        network.stabilize(Math.min(STAB_ITER, 120));
      }
    }
    state.timings.draw = performance.now() - t0;
    graphEl.dataset.nodes = String(nodes.length);
    graphEl.dataset.edges = String(edges.length);
    $("graph-count").textContent = "节点 " + nodes.length + " · 连线 " + edges.length +
      (state.truncated ? "（已截断 truncated）" : "");
    $("show-more").hidden = !state.truncated;
    $("empty").hidden = nodes.length > 0;
  }

  // ---- side panel -----------------------------------------------------------------------
  function renderPanel() {
    var u = state.rootUnit, all = state.obligations[state.root] || [];
    var counts = { lead: 0, support: 0, joint: 0, shared: 0 };
    all.forEach(function (m) { counts[m.role || "shared"] = (counts[m.role || "shared"] || 0) + 1; });
    var lvl = PG.levelOf(u);
    var cps = (u.counterparts || u.counterpart || []);
    if (!Array.isArray(cps)) cps = [cps];
    cps = cps.map(function (c) { return typeof c === "string" ? c : c && c.name; }).filter(Boolean);
    var enc = encodeURIComponent(u.name);
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
    var list = filtered(state.root);
    var asOf = PG.today();
    $("measure-count").textContent = "措施 Measures：" + list.length + " / " + all.length + "（按筛选 filtered）";
    $("measure-list").innerHTML = list.slice(0, 400).map(function (m) {
      var d = PG.deadline(m), over = PG.isOverdue(m, asOf);
      return '<li class="measure' + (state.selected === m.id ? " selected" : "") + '" data-id="' + PG.escape(m.id) + '">' +
        '<div class="m-head"><span class="pg-chip ' + (m.role || "shared") + '">' + PG.ROLE_ZH[m.role || "shared"] +
        '</span><span>' + PG.escape((PG.LEVEL_ZH[m.level] || "") + " 第" + PG.measureLabel(m) + "项") +
        (m.task && m.task.title ? " · " + PG.escape(m.task.title) : "") + "</span>" +
        '<span class="m-due' + (over ? " overdue" : "") + '">' + PG.escape(d ? (d.date || d.text) : "") + "</span></div>" +
        '<div class="m-text">' + PG.escape(m.text) + "</div></li>";
    }).join("");
    var docs = {};
    all.forEach(function (m) { docs[m.document_id] = m.document_title || m.document_id; });
    var sel = $("f-document"), cur = state.filters.document;
    sel.innerHTML = '<option value="">全部文件 (all)</option>' + Object.keys(docs).sort().map(function (id) {
      return '<option value="' + PG.escape(id) + '"' + (id === cur ? " selected" : "") + ">" + PG.escape(docs[id]) + "</option>";
    }).join("");
  }

  function findMeasure(id) {
    if (state.extraMeasures[id]) return state.extraMeasures[id];
    for (var name in state.obligations) {
      var hit = state.obligations[name].filter(function (m) { return m.id === id; })[0];
      if (hit) return hit;
    }
    return null;
  }

  function showMeasure(m) {
    state.selected = m.id;
    var d = PG.deadline(m), el = $("detail");
    var units = (m.co_responsible || []).slice();
    var link = function (id, label) {
      return '<a href="#" data-measure="' + PG.escape(id) + '">' + PG.escape(label) + "</a>";
    };
    el.hidden = false;
    el.innerHTML = "<h4><span>" + PG.escape((PG.LEVEL_ZH[m.level] || "") + " 第" + PG.measureLabel(m) + "项") +
      (m.role ? ' <span class="pg-chip ' + m.role + '">' + PG.ROLE_ZH[m.role] + "</span>" : "") +
      '</span><button class="close" title="关闭">×</button></h4>' +
      '<div class="text">' + PG.escape(m.text || "") + "</div><dl>" +
      "<dt>任务</dt><dd>" + PG.escape(m.task ? (m.task.seq ? "（" + m.task.seq + "）" : "") + (m.task.title || "") : "") + "</dd>" +
      "<dt>文件</dt><dd>" + PG.escape(m.document_title || m.document_id || "") + "</dd>" +
      "<dt>时限</dt><dd>" + (d ? PG.escape(d.text || "") + (d.date ? ' <span class="pg-badge' +
        (PG.isOverdue(m, PG.today()) ? " overdue" : "") + '">' + PG.escape(d.date) + "</span>" : "") : "—") + "</dd>" +
      "<dt>责任单位</dt><dd class=\"units\">" + (units.length ? units.map(function (c) {
        return '<a href="#" data-open="' + PG.escape(c.unit) + '" style="color:' + (C[c.role] || C.other) + '">' +
          PG.escape(c.unit) + "（" + PG.escape(PG.ROLE_ZH[c.role] || c.role) + "）</a>";
      }).join("") : "—") + "</dd>" +
      "<dt>目标</dt><dd>" + ((m.targets || []).length ? m.targets.map(function (t) {
        return PG.escape(t.text || (t.indicator + " " + t.op + " " + t.value + (t.unit || "")));
      }).join("<br>") : "—") + "</dd>" +
      "<dt>上级</dt><dd>" + ((m.city_measures || []).map(function (l) { return link(l.id, l.id); }).join("<br>") || "—") + "</dd>" +
      "<dt>下级</dt><dd>" + ((m.district_measures || []).map(function (l) { return link(l.id, l.id); }).join("<br>") || "—") + "</dd>" +
      '<dt>链接</dt><dd><a href="/measures/' + encodeURIComponent(m.id) + '">JSON</a> · <a href="/measures/' +
      encodeURIComponent(m.id) + '/chain">上下级链条 chain</a></dd></dl>';
    document.querySelectorAll("#measure-list li.measure").forEach(function (li) {
      li.classList.toggle("selected", li.dataset.id === m.id);
    });
    if (network && nodes.get("m:" + m.id)) {
      network.selectNodes(["m:" + m.id]);
    }
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

  // ---- actions ----------------------------------------------------------------------------
  function loadUnitObligations(name) {
    if (state.obligations[name]) return Promise.resolve(state.obligations[name]);
    return PG.loadObligations(name).then(function (list) {
      state.obligations[name] = list;
      return list;
    });
  }

  function openUnit(name, push) {
    errEl.hidden = true;
    var t0 = performance.now();
    state.timings = { start: t0 };
    return PG.api(PG.unitPath(name)).then(function (body) {
      var u = body.data && !Array.isArray(body.data) ? body.data : body;
      state.root = u.name; state.rootUnit = u;
      if (!state.byName[u.name]) state.byName[u.name] = u;
      state.expanded = [u.name]; state.expandedMeasures = {}; state.cap = STEP; state.selected = null;
      state.filters.document = "";
      $("detail").hidden = true;
      $("search").value = u.name;
      document.title = u.name + " · PolicyGraph 图谱浏览";
      if (push !== false) history.pushState({ unit: u.name }, "", PG.unitPath(u.name));
      return loadUnitObligations(u.name);
    }).then(function () {
      state.timings.fetched = performance.now();
      renderPanel();
      draw(true);
      graphEl.dataset.unit = state.root;
    }).catch(function (e) { PG.showError(errEl, e); });
  }

  function onNodeClick(id) {
    id = String(id);
    if (id.indexOf("u:") === 0) {
      var name = id.slice(2);
      if (name === state.root) return;
      var at = state.expanded.indexOf(name);
      if (at > 0) { state.expanded.splice(at, 1); draw(false); return; }
      loadUnitObligations(name).then(function () {
        state.expanded.push(name);
        draw(false);
      }).catch(function (e) { PG.showError(errEl, e); });
    } else if (id.indexOf("m:") === 0) {
      var mid = id.slice(2);
      openMeasure(mid).then(function (m) {
        if (m && state.extraMeasures[mid] && !state.expandedMeasures[mid]) {
          state.expandedMeasures[mid] = true;
          draw(false);
        }
      });
    }
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
    state.cap = STEP;
    renderPanel();
    draw(false);
  }

  // ---- wiring -----------------------------------------------------------------------------
  document.querySelectorAll(".pg-filters input, .pg-filters select").forEach(function (el) {
    el.addEventListener("change", onFilter);
  });
  $("f-reset").addEventListener("click", function () {
    document.querySelectorAll(".pg-filters input[type=checkbox]").forEach(function (cb) { cb.checked = true; });
    $("f-from").value = ""; $("f-to").value = ""; $("f-document").value = "";
    onFilter();
  });
  $("show-more").addEventListener("click", function () { state.cap += STEP; draw(false); });
  $("fit").addEventListener("click", function () { if (network) network.fit({ animation: false }); });
  $("measure-list").addEventListener("click", function (e) {
    var li = e.target.closest("li.measure");
    if (li) openMeasure(li.dataset.id);
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
  PG.loadUnits().then(function (units) {
    state.units = units.filter(function (u) { return u && u.name; });
    state.byName = PG.indexUnits(state.units);
    document.body.dataset.unitsLoaded = String(state.units.length);
    var initial = document.body.dataset.initialUnit;
    if (initial) openUnit(initial, false);
  }).catch(function (e) { PG.showError(errEl, e); });
})();
