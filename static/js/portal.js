// Progressive enhancement only: every page works without this file.
// On a narrow screen the filter panel starts folded, so the results come first; it stays open
// when it shows an error to correct.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 47.99em)").matches) {
    return;
  }
  document.querySelectorAll("details[data-collapse-on-small]").forEach(function (panel) {
    panel.removeAttribute("open");
  });
})();
