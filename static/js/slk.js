/* Stadsledningskontoret: small enhancements; every page works without them. */
(function () {
  "use strict";

  // Quick groups tick the organisations of their kinds at once, and a live count.
  function setupRecipients(box) {
    var kinds = {};
    try { kinds = JSON.parse(box.getAttribute("data-group-kinds") || "{}"); } catch (e) { kinds = {}; }
    var orgs = box.querySelectorAll(".slk-orgs input[type=checkbox]");
    var count = box.querySelector(".slk-count");
    function updateCount() {
      if (!count) { return; }
      var n = 0;
      orgs.forEach(function (o) { if (o.checked) { n += 1; } });
      count.textContent = n + " " + count.getAttribute("data-count-label");
    }
    box.querySelectorAll(".slk-groups input[type=checkbox]").forEach(function (group) {
      group.addEventListener("change", function () {
        var wanted = kinds[group.value] || [];
        orgs.forEach(function (o) {
          if (wanted.indexOf(o.getAttribute("data-kind")) !== -1 && !o.disabled) {
            o.checked = group.checked;
          }
        });
        updateCount();
      });
    });
    orgs.forEach(function (o) { o.addEventListener("change", updateCount); });
    // With the script the ticked organisations are the whole truth: the groups have
    // already been applied to them, so they are not sent again (unticking one sticks).
    var form = box.closest("form");
    if (form) {
      form.addEventListener("submit", function () {
        box.querySelectorAll(".slk-groups input[type=checkbox]").forEach(function (g) {
          g.disabled = true;
        });
      });
    }
    updateCount();
  }

  // Filters of the matrix apply as soon as they change.
  function setupAutoSubmit(form) {
    form.querySelectorAll("select, input[type=checkbox]").forEach(function (el) {
      el.addEventListener("change", function () { form.submit(); });
    });
  }

  document.querySelectorAll(".slk-recipients").forEach(setupRecipients);
  document.querySelectorAll("form[data-autosubmit]").forEach(setupAutoSubmit);
})();
