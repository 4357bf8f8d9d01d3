// pdf: the export progress bar polls its JSON status instead of reloading the page.
(function () {
  "use strict";
  var box = document.querySelector(".pdf-progress[data-status-url]");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("progress");
  var hint = box.querySelector(".no-js-hint");
  if (hint) { hint.hidden = true; }

  function field(name, value) {
    var el = box.querySelector('[data-field="' + name + '"]');
    if (el && el.textContent !== String(value)) { el.textContent = value; }
  }

  function show(data) {
    var total = Math.max(data.total, 1);
    bar.max = total;
    bar.value = data.progress;
    bar.setAttribute("aria-valuemax", total);
    bar.setAttribute("aria-valuenow", data.progress);
    bar.textContent = data.progress + " / " + data.total;
    field("status_display", data.status_display);
    field("progress", data.progress);
    field("total", data.total);
    field("error", data.error || "");
    field("sha256", data.sha256 || "");
    if (data.download_url) {
      var wrap = box.querySelector('[data-role="download"]');
      wrap.querySelector('[data-role="download-link"]').href = data.download_url;
      wrap.hidden = false;
    }
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        show(data);
        if (!data.done && !data.failed) { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  poll();
}());
