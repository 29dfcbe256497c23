// Instant, combinable filters (progressive enhancement). Without JavaScript the form stays
// hidden and visitors use the links to the pre-rendered single-value pages.
// Markup: <form data-filter-form> with <select name="FACET"> controls; items carry
// data-filter-FACET="key1 key2" (map markers with data-filter-mirror follow them); optional groups [data-filter-group] are hidden when empty;
// [data-filter-status] receives the count (aria-live).
(function () {
  "use strict";
  var form = document.querySelector("[data-filter-form]");
  if (!form) { return; }
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter-item]"));
  var mirrors = Array.prototype.slice.call(document.querySelectorAll("[data-filter-mirror]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filter-group]"));
  var status = document.querySelector("[data-filter-status]");

  function known(select, value) {
    return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
  }

  function apply(updateUrl) {
    var chosen = {};
    selects.forEach(function (select) { if (select.value) { chosen[select.name] = select.value; } });
    var shown = 0;
    function wanted(element) {
      return Object.keys(chosen).every(function (name) {
        return (element.getAttribute("data-filter-" + name) || "").split(" ").indexOf(chosen[name]) !== -1;
      });
    }
    items.forEach(function (item) {
      var visible = wanted(item);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    mirrors.forEach(function (mirror) {
      if (wanted(mirror)) { mirror.removeAttribute("visibility"); } else { mirror.setAttribute("visibility", "hidden"); }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
    });
    if (status) {
      status.textContent = status.getAttribute("data-template").replace("{count}", String(shown));
    }
    if (updateUrl) {
      var url = new URL(window.location.href);
      selects.forEach(function (select) {
        if (select.value) { url.searchParams.set(select.name, select.value); } else { url.searchParams.delete(select.name); }
      });
      window.history.replaceState(null, "", url);
    }
  }

  var params = new URLSearchParams(window.location.search);
  selects.forEach(function (select) {
    var value = params.get(select.name);
    if (value !== null && known(select, value)) { select.value = value; }
    select.addEventListener("change", function () { apply(true); });
  });
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
  apply(false);
})();
