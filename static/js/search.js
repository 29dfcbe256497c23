// Site search with Pagefind's JavaScript API (progressive enhancement: without JavaScript the
// search page says so and lists every page by section). Results come from the index of the
// page's language. The search runs as the visitor types (after a pause of DELAY ms) and on Enter;
// results are shown only while the field still holds the term they were found for: editing the
// term clears them at once, and an answer to an older term is dropped.
(function () {
  "use strict";
  var DELAY = 200;
  var form = document.querySelector("[data-search]");
  var output = document.querySelector("[data-search-results]");
  if (!form || !output || !window.fetch) { return; }
  var input = form.querySelector("input[name=q]");
  var pagefind = null;
  var timer = null;
  var shownFor = "";  // the term whose results (or "nothing found") the output holds

  function load() {
    if (!pagefind) {
      pagefind = import(form.getAttribute("data-bundle") + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: form.getAttribute("data-base") }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function current() { return input.value.trim(); }

  function clear() {
    output.textContent = "";
    shownFor = "";
  }

  function show(term, results) {
    output.textContent = "";
    shownFor = term;
    if (!results.length) {
      output.textContent = output.getAttribute("data-none");
      return;
    }
    var heading = document.createElement("h2");
    heading.textContent = output.getAttribute("data-count") + " " + results.length;
    var list = document.createElement("ol");
    list.className = "results";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      excerpt.textContent = (data.excerpt || "").replace(/<[^>]*>/g, "");
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    output.appendChild(heading);
    output.appendChild(list);
  }

  function remember(term) {
    var url = new URL(window.location.href);
    if (term) { url.searchParams.set("q", term); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url);
  }

  function run(term) {
    window.clearTimeout(timer);
    remember(term);
    if (!term) { clear(); return; }
    if (term === shownFor) { return; }
    load().then(function (module) { return module.search(term); })
      .then(function (search) { return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); })); })
      .then(function (results) { if (term === current()) { show(term, results); } })
      .catch(function () { if (term === current()) { clear(); } });
  }

  input.addEventListener("input", function () {
    if (current() !== shownFor) { clear(); }  // never results for another term than the field's
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(current()); }, DELAY);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(current());
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(current());
  }
})();
