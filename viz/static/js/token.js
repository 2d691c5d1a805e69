/* The write token of this browser session, and writes sent with it.
 *
 * Why sessionStorage only: an office enters its token once per browser session (tab);
 * it is never put in the page (the input is cleared), in a URL or in localStorage, and
 * it is gone when the tab closes.  Writes send it as Authorization: Bearer <token>. */
(function () {
  "use strict";
  var PG = (window.PG = window.PG || {});
  var KEY = "policygraph.token";

  PG.token = function () {
    try { return sessionStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  };
  PG.setToken = function (value) {
    try {
      if (value) sessionStorage.setItem(KEY, value);
      else sessionStorage.removeItem(KEY);
    } catch (e) { /* storage off: the token is not kept */ }
    document.dispatchEvent(new CustomEvent("pg-token"));
  };

  /** Send a write (JSON object or FormData) with the session's token; rejects like PG.api. */
  PG.write = function (method, path, body) {
    var headers = { Accept: "application/json" };
    var token = PG.token();
    if (token) headers.Authorization = "Bearer " + token;
    var payload = body;
    if (body && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    return fetch(path, { method: method, headers: headers, body: payload }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (b) {
        if (!r.ok) {
          var err = new Error((b && b.error) || ("HTTP " + r.status));
          err.status = r.status;
          err.body = b;
          throw err;
        }
        return b;
      });
    });
  };

  /** The token bar: an input while no token is kept, "in use / forget" once one is. */
  PG.tokenBar = function (el, hint) {
    function draw() {
      if (PG.token()) {
        el.innerHTML = '<span class="pg-token-on" id="token-state">已使用令牌（仅本次会话）token in use</span> ' +
          '<button type="button" class="pg-btn" id="token-clear">清除令牌 Forget</button>';
        el.querySelector("#token-clear").addEventListener("click", function () { PG.setToken(""); });
      } else {
        el.innerHTML = '<label>令牌 Token <input id="token-input" type="password" autocomplete="off" spellcheck="false" ' +
          'placeholder="pg_…" size="22"></label> <button type="button" class="pg-btn" id="token-save">使用令牌 Use</button>' +
          '<span class="pg-note">' + PG.escape(hint || "仅保存在本次浏览器会话 (sessionStorage)") + "</span>";
        var input = el.querySelector("#token-input");
        var save = function () {
          var v = input.value.trim();
          input.value = "";
          if (v) PG.setToken(v);
        };
        el.querySelector("#token-save").addEventListener("click", save);
        input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); save(); } });
      }
      el.dataset.token = PG.token() ? "1" : "0";
    }
    document.addEventListener("pg-token", draw);
    draw();
  };
})();
