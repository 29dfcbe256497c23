// On a page reached from a search result (its address ends in ?highlight=term, see search.js), marks the term in
// the page's indexed content with Pagefind's own highlight script, self-hosted in the index folder (data-bundle).
// Pagefind's inline style for the marks is left out (the CSP allows none): static/css/site.css styles them.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !new URLSearchParams(window.location.search).get("highlight")) { return; }
  import(script.getAttribute("data-bundle") + "pagefind-highlight.js").then(function (module) {
    new module.default({ highlightParam: "highlight", addStyles: false });
  }).catch(function () {});  // a site built without search has no index: the page stays unmarked
})();
