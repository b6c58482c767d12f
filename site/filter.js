// yunwang site: the filters of findings.html (severity, status, unit, rule,
// overdue, change against the previous run, target). Plain JavaScript under
// the site's CSP (script-src 'self'): no inline code, no network, no
// innerHTML. The filters start from the page's query string, so every count
// on the overview links to the list it counts: findings.html?unit=ID&severity=high.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("all-findings");
  var count = document.getElementById("filter-count");
  if (!form) { return; }
  var rows = table ? table.tBodies[0].rows : [];
  var keys = ["severity", "status", "unit", "rule", "overdue", "change", "target"];

  function params() {
    var out = {};
    var q = window.location.search.replace(/^\?/, "");
    if (!q) { return out; }
    q.split("&").forEach(function (pair) {
      var i = pair.indexOf("=");
      var k = decodeURIComponent((i < 0 ? pair : pair.slice(0, i)).replace(/\+/g, " "));
      var v = i < 0 ? "" : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, " "));
      out[k] = v;
    });
    return out;
  }

  function current() {
    var c = {};
    keys.forEach(function (k) {
      var el = form.elements[k];
      if (!el) { return; }
      c[k] = el.type === "checkbox" ? (el.checked ? el.value : "") : el.value;
    });
    return c;
  }

  function apply() {
    var c = current();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = true;
      for (var j = 0; j < keys.length && ok; j++) {
        var k = keys[j];
        if (c[k] && r.getAttribute("data-" + k) !== c[k]) { ok = false; }
      }
      r.hidden = !ok;
      if (ok) { shown++; }
    }
    if (count) { count.textContent = String(shown); }
    document.documentElement.setAttribute("data-filter-shown", String(shown));
  }

  var p = params();
  keys.forEach(function (k) {
    var el = form.elements[k];
    if (!el || p[k] === undefined) { return; }
    if (el.type === "checkbox") {
      el.checked = p[k] === el.value;
    } else if (el.tagName === "SELECT") {
      // Only a value the list offers is taken; anything else leaves the filter open.
      for (var i = 0; i < el.options.length; i++) { if (el.options[i].value === p[k]) { el.value = p[k]; } }
    } else {
      el.value = p[k];
    }
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  apply();
})();
