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
    counterparts: [],       // the root's counterpart agencies at the other level (COUNTERPART_OF)
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
  var pinned = [];          // nodes held in place while new ones settle (incremental draws)

  function options(n) {
    return {
      autoResize: true,
      layout: { improvedLayout: n <= 150, randomSeed: 7 },
      nodes: { font: { face: PG.FONT, size: 13, color: "#1f2d3d" }, borderWidth: 1,
               shapeProperties: { borderRadius: 4 }, margin: 6 },
      edges: { smooth: false, width: 1.4, selectionWidth: 2.5, hoverWidth: 0.6,
               font: { face: PG.FONT, size: 10, color: "#6b7785", strokeWidth: 3, align: "middle" } },
      physics: { enabled: false, solver: "barnesHut",
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
      if (pinned.length) {
        nodes.update(pinned.filter(function (id) { return nodes.get(id); })
          .map(function (id) { return { id: id, fixed: false }; }));
        pinned = [];
      }
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
  function agencyNode(name, isRoot, isCounterpart) {
    var u = state.byName[name] || { name: name, level: "unknown" };
    isCounterpart = isCounterpart || state.counterparts.indexOf(name) >= 0;
    var lvl = PG.levelOf(u), bg = u.collective ? "#dfe4ea" : C[lvl];
    var expanded = state.expanded.indexOf(name) >= 0;
    return {
      id: "u:" + name, label: PG.wrap(name, 6, 3), group: "unit", shape: "box",
      title: name + (u.aliases && u.aliases.length ? "（又称 " + u.aliases.join("、") + "）" : "") + "\n" +
        (PG.LEVEL_ZH[u.level] || "") + (u.government ? " · " + u.government : "") +
        (isCounterpart ? "\n" + state.root + " 的对口单位 (counterpart)" : "") +
        (isRoot ? "" : expanded ? "\n点击收起 · 双击设为中心" : "\n点击展开 (click to expand) · 双击设为中心"),
      shapeProperties: { borderDashes: isCounterpart ? [5, 3] : false, borderRadius: 4 },
      color: { background: bg, border: isRoot ? "#12355b" : isCounterpart ? "#7a4f09" : bg,
               highlight: { background: bg, border: "#12355b" }, hover: { background: bg, border: "#12355b" } },
      font: { color: u.collective ? "#1f2d3d" : "#ffffff", size: isRoot ? 16 : 13, face: PG.FONT,
              bold: isRoot ? { color: "#ffffff" } : undefined },
      borderWidth: isRoot ? 3 : isCounterpart ? 3 : expanded ? 2 : 1, level: lvl,
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

  /** A measure linked to one of ours (city above / district below): the fullest record we hold. */
  function linkedMeasure(l, level) {
    var full = state.extraMeasures[l.id] || findMeasure(l.id);
    var lm = full || Object.assign({ level: level, number: null }, l);
    if (!lm.level) lm.level = level;
    if (lm.number == null && l.id) lm.number = String(l.id).split(":").pop();
    return lm;
  }

  /** City <-> district link, drawn in the legend's chain style (dashed, city colour). */
  function chainEdge(from, to, title) {
    return { id: from + "~" + to, from: from, to: to, color: { color: C.city, opacity: 0.95 },
             dashes: [6, 4], width: 2, title: title, chain: true };
  }

  /** Who of the root's counterparts is responsible for a measure (and in which role). */
  function counterpartRoles(id) {
    var out = [];
    state.counterparts.forEach(function (cp) {
      (state.obligations[cp] || []).forEach(function (m) {
        if (m.id === id && m.role !== "shared") out.push({ unit: cp, role: m.role });
      });
    });
    return out;
  }

  /** Lines of partner agencies: thinner and lighter, so the root's own lines and the chain stand out. */
  function faint(e) {
    e.color = { color: e.color.color, opacity: 0.4, highlight: e.color.color, hover: e.color.color };
    e.width = e.width > 2 ? 1.4 : 1;
    return e;
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
        if (addNode(agencyNode(c.unit, false))) addEdge(faint(roleEdge("u:" + c.unit, "m:" + m.id, c.role)));
      });
      [["city_measures", "city"], ["district_measures", "district"]].forEach(function (pair) {
        (m[pair[0]] || []).forEach(function (l) {
          if (!state.filters.levels[pair[1]]) return;
          var lm = linkedMeasure(l, pair[1]);
          if (addNode(measureNode(lm))) {
            addEdge(chainEdge("m:" + m.id, "m:" + lm.id,
              pair[1] === "city" ? "上级措施 city measure above（IMPLEMENTS）" : "下级措施 district measure below（IMPLEMENTS）"));
          }
        });
      });
    }
    state.expanded.forEach(function (name, i) {
      if (!addNode(agencyNode(name, i === 0))) return;
      if (i === 0) {
        // the counterpart agency at the other level, right next to the root (COUNTERPART_OF)
        state.counterparts.forEach(function (cp) {
          if (!state.filters.levels[unitLevel(cp)]) return;
          if (addNode(agencyNode(cp, false, true))) {
            addEdge(Object.assign(chainEdge("u:" + name, "u:" + cp, "对口单位 counterpart（COUNTERPART_OF）"),
                                  { label: "对口", width: 2.5 }));
          }
        });
      }
      var list = filtered(name);
      var cap = i === 0 ? state.cap : Math.min(state.cap, STEP);
      if (list.length > cap) truncated = true;
      list.slice(0, cap).forEach(function (m) { measureWithNeighbours(m, name); });
    });
    // the counterpart's own responsibility for the linked measures (only those already drawn)
    state.counterparts.forEach(function (cp) {
      if (!want["u:" + cp]) return;
      Object.keys(want).forEach(function (id) {
        if (id.indexOf("m:") !== 0) return;
        counterpartRoles(id.slice(2)).forEach(function (r) {
          if (r.unit === cp && r.role === "lead") {
            var e = roleEdge("u:" + cp, id, r.role);
            e.color = { color: C.lead, opacity: 0.35 }; e.width = 1.2;
            addEdge(e);
          }
        });
      });
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

  // ---- layout ---------------------------------------------------------------------------
  /* A deterministic radial layout, so the first picture is readable at once (no hairball):
   * the root in the centre, its counterpart just above it, the root's measures on a ring
   * (grouped by role), the linked city / district measures just outside the measure they
   * belong to (chain edges stay short and radial), and the other agencies on an outer ring
   * at the angle of the measures they share (two staggered radii when crowded).
   * No physics run is needed: physics stays off and the page never jitters. */
  function radialLayout(g) {
    var pos = {}, rootId = "u:" + state.root, adj = {};
    Object.keys(g.nodes).forEach(function (id) { adj[id] = []; });
    Object.keys(g.edges).forEach(function (eid) {
      var e = g.edges[eid];
      adj[e.from].push({ id: e.to, chain: !!e.chain });
      adj[e.to].push({ id: e.from, chain: !!e.chain });
    });
    pos[rootId] = { x: 0, y: 0 };
    var ring1 = adj[rootId].filter(function (n) { return n.id.indexOf("m:") === 0; }).map(function (n) { return n.id; });
    // cluster the ring by each measure's busiest partner agency, so an agency's lines stay short
    var degree = function (id) { return adj[id] ? adj[id].length : 0; };
    var partner = {};
    ring1.forEach(function (id) {
      var best = null;
      adj[id].forEach(function (n) {
        if (n.chain || n.id === rootId || n.id.indexOf("u:") !== 0) return;
        if (!best || degree(n.id) > degree(best) || (degree(n.id) === degree(best) && n.id < best)) best = n.id;
      });
      partner[id] = best;
    });
    var rank = {};
    ring1.map(function (id) { return partner[id]; }).filter(Boolean)
      .sort(function (a, b) { return degree(b) - degree(a) || (a < b ? -1 : 1); })
      .forEach(function (a) { if (rank[a] == null) rank[a] = Object.keys(rank).length; });
    var order0 = {};
    ring1.forEach(function (id, i) { order0[id] = i; });
    ring1.sort(function (a, b) {
      var ra = partner[a] ? rank[partner[a]] : 1e6, rb = partner[b] ? rank[partner[b]] : 1e6;
      return ra - rb || order0[a] - order0[b];
    });
    var inRing1 = {};
    ring1.forEach(function (id) { inRing1[id] = true; });
    var n1 = Math.max(ring1.length, 1);
    var R1 = Math.max(170, n1 * 50 / (2 * Math.PI));
    var RC = R1 + 105, R2 = RC + 165;
    var angle = {};
    ring1.forEach(function (id, i) {
      var a = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / n1;
      angle[id] = a;
      pos[id] = { x: R1 * Math.cos(a), y: R1 * Math.sin(a) };
    });
    // linked measures: outside their measure(s) on the ring, spread when one has several
    var linkedOf = {};
    Object.keys(g.nodes).forEach(function (id) {
      if (id.indexOf("m:") !== 0 || inRing1[id]) return;
      var parents = adj[id].filter(function (n) { return n.chain && inRing1[n.id]; }).map(function (n) { return n.id; });
      if (!parents.length) return;
      parents.forEach(function (p) { (linkedOf[p] = linkedOf[p] || []).push(id); });
      var sx = 0, sy = 0;
      parents.forEach(function (p) { sx += Math.cos(angle[p]); sy += Math.sin(angle[p]); });
      angle[id] = Math.atan2(sy, sx);
    });
    var step = 2 * Math.PI / n1;
    Object.keys(linkedOf).forEach(function (p) {
      var kids = linkedOf[p];
      kids.forEach(function (id, k) {
        if (pos[id]) return;
        var a = kids.length > 1 && adj[id].filter(function (n) { return n.chain && inRing1[n.id]; }).length === 1
          ? angle[p] + (k - (kids.length - 1) / 2) * step * 0.45 : angle[id];
        var r = RC + (kids.length > 1 ? (k % 2) * 40 : 0);
        angle[id] = a;
        pos[id] = { x: r * Math.cos(a), y: r * Math.sin(a) };
      });
    });
    // counterparts right above the root
    state.counterparts.forEach(function (cp, i) {
      if (g.nodes["u:" + cp]) pos["u:" + cp] = { x: (i - (state.counterparts.length - 1) / 2) * 130, y: -Math.min(110, R1 * 0.5) };
    });
    // other agencies on the outer ring, ordered by the angle of what they share, evenly spaced
    var outer = Object.keys(g.nodes).filter(function (id) { return id.indexOf("u:") === 0 && !pos[id]; });
    var want = outer.map(function (id) {
      var sx = 0, sy = 0;
      adj[id].forEach(function (n) { if (angle[n.id] != null) { sx += Math.cos(angle[n.id]); sy += Math.sin(angle[n.id]); } });
      return { id: id, a: sx || sy ? Math.atan2(sy, sx) : 0, w: adj[id].length };
    }).sort(function (a, b) { return a.a - b.a || b.w - a.w; });
    if (want.length) {
      var k = want.length, gap = 2 * Math.PI / k, off = 0;
      want.forEach(function (x, i) { off += Math.atan2(Math.sin(x.a - i * gap), Math.cos(x.a - i * gap)); });
      off /= k;
      var crowded = k * 105 > 2 * Math.PI * R2;
      want.forEach(function (x, i) {
        var a = off + i * gap, r = R2 + (crowded && i % 2 ? 95 : 0);
        angle[x.id] = a;
        pos[x.id] = { x: r * Math.cos(a), y: r * Math.sin(a) };
      });
    }
    // anything left (measures of other agencies): next to a placed neighbour, outward
    placeNear(Object.keys(g.nodes).filter(function (id) { return !pos[id]; }), g, pos, adj);
    return pos;
  }

  /** Put new nodes beyond a placed neighbour (away from the root), fanned out per anchor. */
  function placeNear(ids, g, pos, adj) {
    var centre = pos["u:" + state.root] || { x: 0, y: 0 };
    var fan = {};
    for (var pass = 0; pass < 3 && ids.length; pass++) {
      ids = ids.filter(function (id) {
        var anchor = null;
        (adj[id] || []).some(function (n) { if (pos[n.id]) { anchor = n.id; return true; } return false; });
        if (!anchor) return true;
        var p = pos[anchor], dx = p.x - centre.x, dy = p.y - centre.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
        var k = (fan[anchor] = (fan[anchor] || 0) + 1) - 1;
        var a = Math.atan2(dy / len, dx / len) + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 0.32;
        var r = id.indexOf("m:") === 0 ? 120 : 190;
        pos[id] = { x: p.x + r * Math.cos(a) + (len === 1 ? 0 : 0), y: p.y + r * Math.sin(a) };
        return false;
      });
    }
    ids.forEach(function (id, i) { pos[id] = { x: centre.x + 60 * i, y: centre.y + 600 }; });
    return pos;
  }

  function markStable() {
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      state.timings.stabilized = performance.now();
      setStable(true);
    }
    network.once("afterDrawing", finish);
    setTimeout(finish, 400);
  }

  function draw(fresh) {
    var t0 = performance.now();
    var g = build();
    var ids = Object.keys(g.nodes);
    ensureNetwork(ids.length);
    var added = [];
    if (fresh) {
      setStable(false);
      var pos = radialLayout(g);
      nodes.clear(); edges.clear();
      network.setOptions(options(ids.length));
      network.setOptions({ physics: { enabled: false } });
      nodes.add(ids.map(function (id) { return Object.assign(g.nodes[id], pos[id]); }));
      edges.add(Object.keys(g.edges).map(function (id) { return g.edges[id]; }));
      network.fit({ animation: false });
      markStable();
    } else {
      var removeN = nodes.getIds().filter(function (id) { return !g.nodes[id]; });
      var removeE = edges.getIds().filter(function (id) { return !g.edges[id]; });
      edges.remove(removeE); nodes.remove(removeN);
      var positions = network.getPositions();
      ids.forEach(function (id) {
        if (!nodes.get(id)) added.push(id);
      });
      // place new nodes outward next to a neighbour already on the canvas; hold the others
      var adj = {};
      ids.forEach(function (id) { adj[id] = []; });
      Object.keys(g.edges).forEach(function (eid) {
        var e = g.edges[eid];
        adj[e.from].push({ id: e.to }); adj[e.to].push({ id: e.from });
      });
      var newPos = placeNear(added.slice(), g, Object.assign({}, positions), adj);
      nodes.update(ids.map(function (id) {
        var n = g.nodes[id];
        if (added.indexOf(id) >= 0) Object.assign(n, newPos[id]);
        return n;
      }));
      edges.update(Object.keys(g.edges).map(function (id) { return g.edges[id]; }));
      if (added.length) {
        setStable(false);
        pinned = ids.filter(function (id) { return added.indexOf(id) < 0; });
        nodes.update(pinned.map(function (id) { return { id: id, fixed: true }; }));
        network.setOptions({ physics: { enabled: true } });
        network.stabilize(Math.min(STAB_ITER, 80));
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
    var cps = counterpartNames(u);
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
      if (hit) { hit.owner = name; return hit; }
    }
    return null;
  }

  function showMeasure(m) {
    state.selected = m.id;
    var d = PG.deadline(m), el = $("detail");
    var units = (m.co_responsible || []).slice();
    // an obligation row lists the others; put its own agency back in (牵头 first)
    if (m.owner && m.role && m.role !== "shared" && !units.some(function (c) { return c.unit === m.owner; })) {
      units.unshift({ unit: m.owner, role: m.role });
      units.sort(function (a, b) { return (a.order || (a.role === "lead" ? 0 : 9)) - (b.order || (b.role === "lead" ? 0 : 9)); });
    }
    var roleChip = m.role && (!m.owner || m.owner === state.root)
      ? ' <span class="pg-chip ' + m.role + '">' + PG.ROLE_ZH[m.role] + "</span>"
      : m.role && m.owner ? ' <span class="pg-chip ' + m.role + '">' + PG.escape(m.owner) + " " + PG.ROLE_ZH[m.role] + "</span>" : "";
    var link = function (l, level) {
      var lm = linkedMeasure(l, level);
      var text = String(lm.text || l.text || "");
      return '<a href="#" class="chain-link" data-measure="' + PG.escape(l.id) + '" title="' + PG.escape(l.id) + '">' +
        PG.escape((PG.LEVEL_ZH[lm.level] || "") + " 第" + PG.measureLabel(lm) + "项") + "</a>" +
        (text ? ' <span class="pg-note">' + PG.escape(text.length > 42 ? text.slice(0, 41) + "…" : text) + "</span>" : "");
    };
    var links = function (list, level) {
      return (list || []).map(function (l) { return '<div class="chain-item">' + link(l, level) + "</div>"; }).join("") || "—";
    };
    el.hidden = false;
    el.innerHTML = "<h4><span>" + PG.escape((PG.LEVEL_ZH[m.level] || "") + " 第" + PG.measureLabel(m) + "项") +
      roleChip +
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
      '<dt title="city measure above">上级措施</dt><dd id="chain-up">' + links(m.city_measures, "city") + "</dd>" +
      '<dt title="district measures below">下级措施</dt><dd id="chain-down">' + links(m.district_measures, "district") + "</dd>" +
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
  function counterpartNames(u) {
    var cps = u.counterparts || u.counterpart || [];
    if (!Array.isArray(cps)) cps = [cps];
    return cps.map(function (c) { return typeof c === "string" ? c : c && c.name; })
      .filter(function (n, i, all) { return n && n !== u.name && all.indexOf(n) === i; });
  }

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
      state.counterparts = counterpartNames(u);
      state.filters.document = "";
      $("detail").hidden = true;
      $("search").value = u.name;
      document.title = u.name + " · PolicyGraph 图谱浏览";
      if (push !== false) history.pushState({ unit: u.name }, "", PG.unitPath(u.name));
      // the root's measures, and its counterparts' (to link the measures above / below to them)
      return Promise.all([loadUnitObligations(u.name)].concat(state.counterparts.map(function (cp) {
        return loadUnitObligations(cp).catch(function () { return []; });
      })));
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
