/* Upload a document (admin token): POST /documents/preview shows what the parser read
 * (measures, units with the unknown ones highlighted, deadlines, warnings with line
 * numbers) and writes nothing; 确认 sends the same file to POST /documents, 取消 forgets it. */
(function () {
  "use strict";
  var PG = window.PG;
  var $ = function (id) { return document.getElementById(id); };
  var chosen = null;

  function fail(e) {
    $("error").hidden = false;
    $("error").textContent = (e.status ? "[" + e.status + "] " : "") + (e.message || String(e));
    $("error").dataset.status = String(e.status || "");
    if (e.status === 401) PG.setToken("");
  }
  function clear() {
    $("error").hidden = true; $("result").hidden = true;
  }
  function form(file) { var fd = new FormData(); fd.append("file", file, file.name); return fd; }
  function unitSpan(u) {
    return '<span class="pg-unit' + (u.unknown ? " unknown" : "") + (u.first ? " first" : "") + '" data-unit="' + PG.escape(u.unit) +
      '" title="' + PG.escape((PG.ROLE_ZH[u.role] || u.role) + (u.unknown ? " · 未知单位（不在单位表中，按原文保留）" : "")) + '">' +
      (u.first ? '<span class="pg-first-mark">首</span>' : "") + PG.escape(u.as_written || u.unit) + "</span>";
  }
  function dl(d) { return d ? PG.escape(d.date || "") + " " + PG.escape(d.text || "") : '<span class="pg-note">未写明</span>'; }

  function show(p) {
    var d = p.document, c = p.counts;
    $("preview").hidden = false;
    $("pv-title").textContent = "预览 Preview · " + p.file + "（未写入 nothing written）";
    $("pv-doc").innerHTML = "<div><b>" + PG.escape(d.title) + "</b></div><div class=\"pg-note\">" +
      PG.escape([d.issuer, d.doc_number, d.published, PG.LEVEL_ZH[d.level] || d.level, d.id].filter(Boolean).join(" · ")) + "</div>" +
      '<div class="pg-counts" id="pv-counts">' + [["tasks", "任务"], ["measures", "措施"], ["units", "单位"], ["unknown_units", "未知单位"],
        ["deadlines", "时限"], ["warnings", "警告"]].map(function (kv) {
        return '<span class="pg-chip ghost" data-count="' + kv[0] + '">' + kv[1] + " <b>" + c[kv[0]] + "</b></span>";
      }).join("") + "</div>" + (d.exists ? '<p class="pg-note" id="pv-exists">此文件已载入（' + (d.existing_measures || 0) +
        " 项措施）：确认将按原 id 更新，进展保留。Already loaded: confirming updates it, progress is kept.</p>" : "");
    $("pv-units").innerHTML = "<thead><tr><th>单位 Unit</th><th>类型</th><th>措施数</th><th>图谱中</th></tr></thead><tbody>" +
      p.units.map(function (u) {
        return '<tr class="' + (u.unknown ? "unknown" : "") + '" data-unit="' + PG.escape(u.name) + '"><td>' + PG.escape(u.name) +
          (u.unknown ? ' <span class="pg-badge overdue">未知单位 unknown</span>' : "") + "</td><td>" + PG.escape(u.kind) +
          '</td><td class="num">' + u.measures + "</td><td>" + (u.in_graph ? "已有" : "新增") + "</td></tr>";
      }).join("") + "</tbody>";
    $("pv-units-note").textContent = c.units + " 个，其中未知 " + c.unknown_units + " 个（按原文保留）";
    $("pv-warnings").innerHTML = p.warnings.map(function (w) {
      return '<li data-line="' + w.line + '"><b>第 ' + w.line + " 行</b> line " + w.line + "：" + PG.escape(w.message) +
        (w.text ? '<div class="pg-note">' + PG.escape(w.text) + "</div>" : "") + "</li>";
    }).join("") || '<li class="pg-note">无警告 no warnings</li>';
    $("pv-warn-note").textContent = c.warnings + " 条";
    $("pv-measures").innerHTML = "<thead><tr><th>行</th><th>序号</th><th>任务</th><th>措施</th><th>责任单位（原文顺序）</th><th>时限</th></tr></thead><tbody>" +
      p.measures.map(function (m) {
        return '<tr data-measure="' + PG.escape(m.id) + '"><td class="num">' + m.line + '</td><td class="num">' + m.number + (m.clause > 1 ? "." + m.clause : "") +
          "</td><td>" + PG.escape(m.task.seq + " " + m.task.title) + "</td><td>" + PG.escape(String(m.text).slice(0, 100)) +
          (String(m.text).length > 100 ? "…" : "") + '</td><td class="units">' + m.units.map(unitSpan).join("、") + "</td><td>" + dl(m.deadline) + "</td></tr>";
      }).join("") + "</tbody>";
    $("pv-measures-note").textContent = c.measures + " 项";
    $("pv-deadlines").innerHTML = "<thead><tr><th>行</th><th>措施</th><th>日期</th><th>原文</th><th>类型</th></tr></thead><tbody>" +
      p.deadlines.map(function (x) {
        return '<tr><td class="num">' + x.line + "</td><td>" + x.number + (x.clause > 1 ? "." + x.clause : "") + "</td><td>" + PG.escape(x.date || "") +
          "</td><td>" + PG.escape(x.text) + "</td><td>" + (x.kind === "ongoing" ? "持续推进" : PG.escape(x.kind)) + "</td></tr>";
      }).join("") + "</tbody>";
    $("pv-deadlines-note").textContent = c.deadlines + " 项";
    document.body.dataset.preview = "1";
  }

  PG.tokenBar($("token-bar"), "督查（管理员）令牌，仅保存在本次浏览器会话");
  $("upload-form").addEventListener("submit", function (e) {
    e.preventDefault();
    clear();
    var f = $("file").files[0];
    if (!f) { fail(new Error("请选择文件 choose a file")); return; }
    if (!PG.token()) { fail(new Error("请先输入督查（管理员）令牌 enter the admin token first")); return; }
    chosen = f;
    $("preview").hidden = true;
    document.body.dataset.preview = "loading";
    PG.write("POST", "/documents/preview", form(f)).then(show).catch(function (err) {
      chosen = null; document.body.dataset.preview = "error"; fail(err);
    });
  });
  $("cancel").addEventListener("click", function () {
    chosen = null;
    $("file").value = "";
    $("preview").hidden = true;
    clear();
    $("result").hidden = false;
    $("result").textContent = "已取消，未写入任何内容。Cancelled: nothing was written.";
    document.body.dataset.preview = "cancelled";
  });
  $("confirm").addEventListener("click", function () {
    if (!chosen) return;
    clear();
    $("confirm").disabled = true;
    PG.write("POST", "/documents", form(chosen)).then(function (r) {
      chosen = null;
      $("preview").hidden = true;
      $("file").value = "";
      $("result").hidden = false;
      var counts = r.counts || {};
      $("result").innerHTML = "已载入 Loaded：<b>" + PG.escape(r.document.title) + "</b>（" + PG.escape(r.document.id) + "）· " +
        Object.keys(counts).filter(function (k) { return typeof counts[k] === "number"; }).map(function (k) {
          return PG.escape(k) + " " + counts[k];
        }).join(" · ") + ' · <a href="/board?document=' + encodeURIComponent(r.document.id) + '">督办看板 →</a>';
      document.body.dataset.preview = "loaded";
    }).catch(fail).then(function () { $("confirm").disabled = false; });
  });
})();
