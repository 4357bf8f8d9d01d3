/* The error summary (GOV.UK pattern): focused when the page opens, so a screen reader
   reads it and the keyboard starts there; its links move focus to the field. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    var input = target.matches("input, select, textarea") ? target
      : target.querySelector("input, select, textarea");
    (input || target).focus();
    (input || target).scrollIntoView({block: "center"});
  });
})();
