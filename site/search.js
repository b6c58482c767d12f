// yunwang site search: plain JavaScript over the index that search-index.js
// sets as window.YUNWANG_SEARCH (a <script src>, because Chromium blocks
// fetch() from file://). No framework, no network, no innerHTML.
(function () {
  "use strict";
  var index = window.YUNWANG_SEARCH || [];
  var input = document.getElementById("search-query");
  var list = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  if (!input || !list) { return; }

  function terms(q) {
    return q.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function search(q) {
    var ts = terms(q);
    if (ts.length === 0) { return []; }
    var out = [];
    for (var i = 0; i < index.length; i++) {
      var e = index[i];
      var hay = (e.t + " " + e.d + " " + e.k).toLowerCase();
      var ok = true;
      for (var j = 0; j < ts.length; j++) {
        if (hay.indexOf(ts[j]) < 0) { ok = false; break; }
      }
      if (ok) { out.push(e); }
    }
    return out;
  }

  // Only relative URLs from the index are followed.
  function safe(u) {
    return typeof u === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(u) && u.charAt(0) !== "/" ? u : "#";
  }

  function show(q) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var results = search(q);
    var limit = Math.min(results.length, 200);
    for (var i = 0; i < limit; i++) {
      var e = results[i];
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = e.k;
      var a = document.createElement("a");
      a.setAttribute("href", safe(e.u));
      a.textContent = e.t;
      li.appendChild(kind);
      li.appendChild(a);
      if (e.d) {
        var d = document.createElement("span");
        d.className = "muted";
        d.textContent = " " + e.d;
        li.appendChild(d);
      }
      list.appendChild(li);
    }
    if (count) { count.textContent = q ? String(results.length) : ""; }
    document.documentElement.setAttribute("data-search-results", String(results.length));
  }

  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  input.value = q;
  show(q);
  input.addEventListener("input", function () { show(input.value); });
  window.yunwangSearch = search;
})();
