// Report tables on a desktop have no frame of their own to scroll up and down in: the page scrolls.
// A table that fits the column (class `fits`, assets/extra.css) keeps its header row in view by
// CSS (sticky below the header bar). A wider one scrolls sideways in its frame, its row labels in
// view, and its header row is moved down with the page here, as far as the table's last row. On
// a phone a long table keeps a short frame of its own whose header row CSS keeps in view.
(function () {
  var desktop = window.matchMedia("(min-width: 40em)");

  function fit() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var table = wrap.querySelector("table");
      if (!table) return;
      wrap.classList.remove("fits");
      if (table.scrollWidth <= wrap.clientWidth + 1) wrap.classList.add("fits");
    });
    follow();
  }

  function follow() {
    var bar = document.querySelector(".md-header");
    var top = bar ? bar.getBoundingClientRect().bottom : 0;
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var head = wrap.querySelector("thead");
      if (!head) return;
      var shift = 0;
      if (desktop.matches && !wrap.classList.contains("fits")) {
        var box = wrap.getBoundingClientRect();
        shift = Math.min(Math.max(0, top - box.top), Math.max(0, box.height - 2 * head.offsetHeight));
      }
      head.style.transform = shift ? "translateY(" + shift + "px)" : "";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fit);
  else fit();
  window.addEventListener("resize", fit);
  window.addEventListener("scroll", follow, { passive: true });
})();
