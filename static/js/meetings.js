// Record form enhancement: show the decision text only where the nämnd wrote its own
// (ändrat beslut, avslag) and offer omedelbar justering only for a decision. Without
// JavaScript every field is shown. The tick of "Justeras omedelbart" is only cleared when
// the secretary picks an outcome that cannot be justerad at once, never on page load,
// and it comes back if she picks a decision again.
(function () {
  "use strict";
  var DECIDED = ["enligt_forslag", "andrat", "avslag"];
  var OWN_TEXT = ["andrat", "avslag"];

  function update(item, changed) {
    var outcome = item.querySelector("select[name$='-outcome']");
    var text = item.querySelector("textarea[name$='-decision_text']");
    var immediate = item.querySelector("input[name$='-omedelbar']");
    if (!outcome) { return; }
    if (text) {
      var textField = text.closest(".field");
      var hasError = textField && textField.querySelector(".errorlist");
      textField.hidden = OWN_TEXT.indexOf(outcome.value) === -1 && !hasError;
    }
    if (immediate) {
      // "Ej behandlat" (empty) keeps the field and its tick: nothing is decided yet.
      var decided = outcome.value === "" || DECIDED.indexOf(outcome.value) !== -1;
      immediate.closest(".field").hidden = !decided;
      if (!changed) { return; }
      if (!decided) {
        if (immediate.dataset.wasChecked === undefined) {
          immediate.dataset.wasChecked = immediate.checked ? "1" : "";
        }
        immediate.checked = false;
      } else if (immediate.dataset.wasChecked !== undefined) {
        immediate.checked = immediate.dataset.wasChecked === "1";
        delete immediate.dataset.wasChecked;
      }
    }
  }

  document.querySelectorAll(".record-item").forEach(function (item) {
    var outcome = item.querySelector("select[name$='-outcome']");
    if (!outcome) { return; }
    outcome.addEventListener("change", function () { update(item, true); });
    update(item, false);
  });
}());
