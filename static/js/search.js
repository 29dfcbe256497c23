// Site search with Pagefind's JavaScript API (progressive enhancement: without JavaScript the
// search page lists every page by section). Results come from the index of the page's language.
(function () {
  "use strict";
  var form = document.querySelector("[data-search]");
  var output = document.querySelector("[data-search-results]");
  if (!form || !output || !window.fetch) { return; }
  var input = form.querySelector("input[name=q]");
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import(form.getAttribute("data-bundle") + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: form.getAttribute("data-base") }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function show(results) {
    output.textContent = "";
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

  function run(term) {
    if (!term) { output.textContent = ""; return; }
    load().then(function (module) { return module.search(term); })
      .then(function (search) { return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); })); })
      .then(show)
      .catch(function () { output.textContent = ""; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value.trim());
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial.trim());
  }
})();
