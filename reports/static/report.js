// Progressive enhancement for the findings table: filter and sort. Without this script the
// table is complete and in severity order; with it nothing is added that the page lacks.
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  var form = document.getElementById("findings-filter");
  var count = document.getElementById("findings-count");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var keys = ["severity", "check", "department", "platform", "status"];
  form.hidden = false;

  function apply() {
    var query = (form.elements.q.value || "").trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = keys.every(function (key) {
        var field = form.elements[key];
        return !field || !field.value || row.getAttribute("data-" + key) === field.value;
      });
      if (visible && query) {
        visible = row.textContent.toLowerCase().indexOf(query) !== -1;
      }
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });

  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, index) {
    var kind = th.getAttribute("data-sort");
    if (!kind) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () {
      var direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", direction);
      var sign = direction === "ascending" ? 1 : -1;
      function key(row) {
        var cell = row.cells[index];
        var value = cell.getAttribute("data-value");
        if (value === null) { value = cell.textContent.trim().toLowerCase(); }
        return kind === "number" ? Number(value) : value;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * sign;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
