// Filters for the findings table: by severity, rule, file and free text. No network, no libraries.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var sev = document.getElementById("filter-severity");
  var rule = document.getElementById("filter-rule");
  var file = document.getElementById("filter-file");
  var text = document.getElementById("filter-text");
  var shown = document.getElementById("shown");
  var none = document.getElementById("no-match");
  function apply() {
    var s = sev.value, r = rule.value, f = file.value, t = text.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (row) {
      var ok = (!s || row.dataset.severity === s) && (!r || row.dataset.rule === r) &&
               (!f || row.dataset.file === f) && (!t || row.textContent.toLowerCase().indexOf(t) >= 0);
      row.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + " of " + rows.length + " findings shown";
    if (none) none.hidden = n !== 0;
  }
  [sev, rule, file].forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  document.getElementById("filter-reset").addEventListener("click", function () {
    sev.value = ""; rule.value = ""; file.value = ""; text.value = ""; apply();
  });
  // Clicking a bar in a chart filters the table by that rule or file.
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-rule],[data-filter-file]"), function (bar) {
    bar.addEventListener("click", function () {
      if (bar.dataset.filterRule !== undefined) { rule.value = bar.dataset.filterRule; }
      if (bar.dataset.filterFile !== undefined) { file.value = bar.dataset.filterFile; }
      apply();
      document.getElementById("findings").scrollIntoView({behavior: "smooth"});
    });
  });
  apply();
})();
