// Keeps "upcoming" honest between builds (progressive enhancement): events whose end has
// passed by the visitor's clock move to the top of the past list. Each item carries
// data-ends-at, the UTC instant the build computed from the event's own time zone.
(function () {
  "use strict";
  var upcoming = document.querySelector("[data-upcoming] ul");
  var pastHolder = document.querySelector("[data-past]");
  if (!upcoming || !pastHolder) { return; }
  var past = pastHolder.querySelector("ul");
  if (!past) {
    past = document.createElement("ul");
    past.className = "cards events";
    pastHolder.appendChild(past);
  }
  var now = Date.now();
  var ended = Array.prototype.filter.call(upcoming.querySelectorAll("li[data-ends-at]"), function (item) {
    return Date.parse(item.getAttribute("data-ends-at")) <= now;
  });
  ended.reverse().forEach(function (item) { past.insertBefore(item, past.firstChild); });
})();
