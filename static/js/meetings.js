// Record form enhancement: show the decision text only for "Ändrat beslut" and offer
// omedelbar justering only for a decision. Without JavaScript every field is shown.
(function () {
  "use strict";
  var DECIDED = ["enligt_forslag", "andrat"];

  function update(item) {
    var outcome = item.querySelector("select[name$='-outcome']");
    var text = item.querySelector("textarea[name$='-decision_text']");
    var immediate = item.querySelector("input[name$='-omedelbar']");
    if (!outcome) { return; }
    if (text) {
      var textField = text.closest(".field");
      var hasError = textField && textField.querySelector(".errorlist");
      textField.hidden = outcome.value !== "andrat" && !hasError;
    }
    if (immediate) {
      var decided = DECIDED.indexOf(outcome.value) !== -1;
      immediate.closest(".field").hidden = !decided;
      if (!decided) { immediate.checked = false; }
    }
  }

  document.querySelectorAll(".record-item").forEach(function (item) {
    var outcome = item.querySelector("select[name$='-outcome']");
    if (!outcome) { return; }
    outcome.addEventListener("change", function () { update(item); });
    update(item);
  });
}());
