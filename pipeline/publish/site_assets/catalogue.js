// The document catalogue: sort by clicking a header, filter by typing and by the facets (year,
// type, region; each row carries data-year, data-type, data-region). No library, no network.
(function () {
  function setup() {
    var table = document.getElementById("catalogue");
    if (!table || table.dataset.ready) return;
    table.dataset.ready = "1";
    var body = table.tBodies[0];
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.title = "点击排序";
      function sort() {
        var numeric = th.dataset.type === "num";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].dataset.sort, y = b.cells[index].dataset.sort;
          // a document without the figure goes last, whichever way the column is sorted
          if (numeric && (x === "" || y === "")) return (x === "" ? 1 : 0) - (y === "" ? 1 : 0);
          var r = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "zh");
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
    var filter = document.getElementById("catalogue-filter");
    var facets = Array.prototype.slice.call(document.querySelectorAll("select[data-facet]"));
    var count = document.getElementById("catalogue-count");
    function apply() {
      var q = filter ? filter.value.trim().toLowerCase() : "";
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var ok = q === "" || row.textContent.toLowerCase().indexOf(q) >= 0;
        facets.forEach(function (f) { if (f.value && row.dataset[f.dataset.facet] !== f.value) ok = false; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = "显示 " + shown + " / " + body.rows.length + " 份";
    }
    if (filter) filter.addEventListener("input", apply);
    facets.forEach(function (f) { f.addEventListener("change", apply); });
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
