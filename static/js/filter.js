// Instant, combinable filters (progressive enhancement). Without JavaScript the form stays
// hidden and visitors use the links to the pre-rendered single-value pages.
// Markup: <form data-filter-form> with <select name="FACET"> controls, each option's label without
// its count in data-label; items carry data-filter-FACET="key1 key2" (map markers with
// data-filter-mirror follow them); optional groups [data-filter-group] are hidden when the filter leaves none of their items, and
// their [data-filter-count] elements show "(n)" of the items left; [data-filter-status] receives the
// count, or its data-none text when nothing matches (aria-live); [data-filter-none] is shown then,
// with a [data-filter-reset] button that clears the filter. Each option shows how many items the
// choice would leave, given the other facets' choices.
(function () {
  "use strict";
  var form = document.querySelector("[data-filter-form]");
  if (!form) { return; }
  var slice = Array.prototype.slice;
  var selects = slice.call(form.querySelectorAll("select[name]"));
  var items = slice.call(document.querySelectorAll("[data-filter-item]"));
  var mirrors = slice.call(document.querySelectorAll("[data-filter-mirror]"));
  var groups = slice.call(document.querySelectorAll("[data-filter-group]"));
  var status = document.querySelector("[data-filter-status]");
  var none = document.querySelector("[data-filter-none]");
  var reset = document.querySelector("[data-filter-reset]");

  function known(select, value) {
    return slice.call(select.options).some(function (option) { return option.value === value; });
  }

  function wanted(element, chosen) {
    return Object.keys(chosen).every(function (name) {
      return (element.getAttribute("data-filter-" + name) || "").split(" ").indexOf(chosen[name]) !== -1;
    });
  }

  function count(chosen) {
    return items.filter(function (item) { return wanted(item, chosen); }).length;
  }

  function choices() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value) { chosen[select.name] = select.value; } });
    return chosen;
  }

  function updateOptions(chosen) {
    selects.forEach(function (select) {
      var others = {};
      Object.keys(chosen).forEach(function (name) { if (name !== select.name) { others[name] = chosen[name]; } });
      slice.call(select.options).forEach(function (option) {
        var label = option.getAttribute("data-label");
        if (!option.value || label === null) { return; }
        var choice = Object.assign({}, others);
        choice[select.name] = option.value;
        option.textContent = label + " (" + count(choice) + ")";
      });
    });
  }

  function apply(updateUrl) {
    var chosen = choices();
    var shown = 0;
    items.forEach(function (item) {
      var visible = wanted(item, chosen);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    mirrors.forEach(function (mirror) {
      if (wanted(mirror, chosen)) { mirror.removeAttribute("visibility"); } else { mirror.setAttribute("visibility", "hidden"); }
    });
    groups.forEach(function (group) {
      var left = group.querySelectorAll("[data-filter-item]:not([hidden])").length;
      group.hidden = left === 0 && group.querySelector("[data-filter-item]") !== null;  // "none at the moment" stays
      slice.call(group.querySelectorAll("[data-filter-count]")).forEach(function (element) {
        element.textContent = "(" + left + ")";
      });
    });
    updateOptions(chosen);
    if (status) {
      status.textContent = shown === 0 && status.hasAttribute("data-none") ? status.getAttribute("data-none")
        : status.getAttribute("data-template").replace("{count}", String(shown));
    }
    if (none) { none.hidden = shown !== 0; }
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
  if (reset) {
    reset.addEventListener("click", function () {
      form.reset();  // the reset event applies the cleared filter
      if (selects.length) { selects[0].focus(); }  // the button disappears with the message
    });
  }
  apply(false);
})();
