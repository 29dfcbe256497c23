// Site search with Pagefind's JavaScript API (progressive enhancement: without JavaScript the
// search page says so and lists every page by section). Results come from the index of the
// page's language. The search runs as the visitor types (after a pause of DELAY ms) and on Enter;
// results are shown only while the field still holds the term they were found for: editing the
// term clears them at once, and an answer to an older term is dropped. Each result's excerpt shows the term marked
// (Pagefind's <mark>), and its link carries ?highlight=term, which static/js/highlight.js marks on the page reached.
(function () {
  "use strict";
  var DELAY = 200;
  // Pagefind's ranking. Titles and names count through data-pagefind-weight in the templates (the h1 at 10), so the
  // page title's own extra weight is dropped (metaWeights.title 0): with it, "MEDICA" matched the start of the title
  // "MedicalMountains GmbH" and put that partner first. A whole-word match counts far above a word the term only
  // begins (termSimilarity 5, default 1): "MEDICA" finds its events and releases before "Medical Valley EMN".
  var RANKING = { termSimilarity: 5, metaWeights: { title: 0 } };
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
        return module.options({ baseUrl: form.getAttribute("data-base"), ranking: RANKING }).then(function () { return module; });
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
      link.href = data.url + (data.url.indexOf("?") < 0 ? "?" : "&") + "highlight=" + encodeURIComponent(term);
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      appendExcerpt(excerpt, data.excerpt || "");
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    output.appendChild(heading);
    output.appendChild(list);
  }

  // Pagefind's excerpt is escaped text with the term in <mark>: rebuilt as text and <mark> elements, nothing else.
  function appendExcerpt(into, html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;  // inert: nothing in a template loads or runs
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
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
