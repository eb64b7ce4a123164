// The findings table: filters (severity, rule, file, text), sorting by a column, a page of
// rows at a time, file headers, and a click on a location opens the source lines around it.
// No network, no libraries.
(function () {
  "use strict";
  var PAGE = 200;
  var body = document.querySelector("#findings tbody");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("tr.group"));
  var sev = document.getElementById("filter-severity");
  var rule = document.getElementById("filter-rule");
  var file = document.getElementById("filter-file");
  var text = document.getElementById("filter-text");
  var shown = document.getElementById("shown");
  var none = document.getElementById("no-match");
  var pager = document.getElementById("pager");
  var limit = PAGE, sortKey = null, sortDir = 1;
  var RANK = {error: 0, warning: 1, info: 2};
  function matches(row) {
    var s = sev.value, r = rule.value, f = file.value, t = text.value.trim().toLowerCase();
    return (!s || row.dataset.severity === s) && (!r || row.dataset.rule === r) &&
           (!f || row.dataset.file === f) && (!t || row.textContent.toLowerCase().indexOf(t) >= 0);
  }
  function apply() {
    var n = 0, visibleFiles = {};
    rows.forEach(function (row) {
      var ok = matches(row);
      if (ok) n++;
      row.hidden = !ok || n > limit;
      if (!row.hidden) visibleFiles[row.dataset.file] = true;
    });
    groups.forEach(function (g) { g.hidden = sortKey !== null || !visibleFiles[g.dataset.file]; });
    shown.textContent = Math.min(n, limit) + " of " + rows.length + " findings shown" +
      (n > limit ? " (" + n + " match)" : "");
    if (none) none.hidden = n !== 0;
    if (pager) pager.hidden = n <= limit;
  }
  function reset() { limit = PAGE; apply(); }
  [sev, rule, file].forEach(function (el) { el.addEventListener("change", reset); });
  text.addEventListener("input", reset);
  document.getElementById("filter-reset").addEventListener("click", function () {
    sev.value = ""; rule.value = ""; file.value = ""; text.value = ""; reset();
  });
  if (pager) document.getElementById("more").addEventListener("click", function () { limit += PAGE; apply(); });
  // Sorting: a click on a column header sorts by it; a second click reverses.
  function keyOf(row, key) {
    var cells = row.cells;
    if (key === "severity") return [RANK[row.dataset.severity], row.dataset.file, +row.dataset.line];
    if (key === "rule") return [row.dataset.rule, row.dataset.file, +row.dataset.line];
    if (key === "location") return [row.dataset.file, +row.dataset.line, 0];
    return [cells[3].textContent.toLowerCase(), row.dataset.file, +row.dataset.line];
  }
  function compare(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] < b[i]) return -sortDir; if (a[i] > b[i]) return sortDir; }
    return 0;
  }
  Array.prototype.forEach.call(document.querySelectorAll("#findings th[data-sort]"), function (th) {
    th.addEventListener("click", function () {
      var key = th.dataset.sort;
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key === "location" && sortDir === 1 ? null : key;  // by location: grouped by file again
      var keyed = rows.map(function (r) { return [keyOf(r, key), r]; });
      keyed.sort(function (x, y) { return compare(x[0], y[0]); });
      rows = keyed.map(function (x) { return x[1]; });
      if (sortKey === null) {
        groups.forEach(function (g) {
          body.appendChild(g);
          rows.forEach(function (r) { if (r.dataset.file === g.dataset.file) body.appendChild(r); });
        });
      } else {
        rows.forEach(function (r) { body.appendChild(r); });
      }
      apply();
    });
  });
  // A location opens its file's source excerpt and marks the line.
  function goTo(id) {
    var line = document.getElementById(id);
    if (!line) return;
    var box = line.closest("details");
    if (box) box.open = true;
    Array.prototype.forEach.call(document.querySelectorAll(".srcline.target"), function (el) {
      el.classList.remove("target");
    });
    line.classList.add("target");
    line.scrollIntoView({block: "center"});
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.goto");
    if (!link) return;
    event.preventDefault();
    var id = link.getAttribute("href").slice(1);
    history.replaceState(null, "", "#" + id);
    goTo(id);
  });
  if (location.hash.indexOf("#src-") === 0) goTo(location.hash.slice(1));
  // Clicking a bar in a chart filters the table by that rule or file.
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-rule],[data-filter-file]"), function (bar) {
    if (bar.tagName === "TR") return;
    bar.addEventListener("click", function () {
      if (bar.dataset.filterRule !== undefined) { rule.value = bar.dataset.filterRule; }
      if (bar.dataset.filterFile !== undefined) { file.value = bar.dataset.filterFile; }
      reset();
      document.getElementById("findings").scrollIntoView({behavior: "smooth"});
    });
  });
  apply();
})();
