// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Language chooser: mark the visitor's preferred language.
  var choice = document.querySelector("[data-language-choice]");
  if (choice && navigator.languages) {
    var wanted = (navigator.languages[0] || navigator.language || "").slice(0, 2).toLowerCase();
    choice.querySelectorAll("a[hreflang]").forEach(function (link) {
      if (link.getAttribute("hreflang") === wanted) {
        link.classList.add("preferred");
        link.parentNode.parentNode.insertBefore(link.parentNode, link.parentNode.parentNode.firstChild);
      }
    });
  }
})();
