/* Drafting: enhances the plain editor form (which works without JavaScript).
 * - each section textarea becomes a contenteditable with a small toolbar;
 * - paste from Word keeps headings, lists, bold/italic and links, drops the rest
 *   (the server sanitises again with nh3: this is comfort, not security);
 * - autosave every few seconds and when the page is left, shown as "Sparat 14:32".
 */
(function () {
  "use strict";

  var form = document.getElementById("editor-form");
  if (!form || !form.dataset.autosaveUrl) { return; }

  var statusEl = document.getElementById("save-status");
  var versionInput = form.querySelector("input[name=version]");
  var url = form.dataset.autosaveUrl;
  var dirty = false;
  var inflight = null;
  var stopped = false;
  var leaving = false;
  var AUTOSAVE_MS = 4000;

  function setStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.classList.toggle("save-status--error", !!isError);
  }

  // ---- Cleaning pasted or typed HTML (allow-list, like responses/sanitize.py) ----
  var ALLOWED = { P: 1, BR: 1, H3: 1, H4: 1, UL: 1, OL: 1, LI: 1, STRONG: 1, B: 1, EM: 1, I: 1, A: 1, BLOCKQUOTE: 1 };
  var DROP = { SCRIPT: 1, STYLE: 1, META: 1, LINK: 1, TITLE: 1, XML: 1, OBJECT: 1, IFRAME: 1, HEAD: 1, IMG: 1, SVG: 1 };
  var HEADING_MAP = { H1: "H3", H2: "H3", H3: "H3", H4: "H4", H5: "H4", H6: "H4" };

  function wordListInfo(el) {
    // Word writes list items as paragraphs with mso-list styles and a fake bullet span.
    var style = el.getAttribute("style") || "";
    var cls = el.getAttribute("class") || "";
    if (!/mso-list/i.test(style) && !/MsoListParagraph/i.test(cls)) { return null; }
    var level = 1;
    var m = /level(\d+)/i.exec(style);
    if (m) { level = parseInt(m[1], 10); }
    var marker = "";
    var ignore = el.querySelector("span[style*='mso-list']");
    if (ignore) { marker = ignore.textContent.trim(); ignore.parentNode.removeChild(ignore); }
    var ordered = /^(\d+|[a-zA-Z]|[ivxIVX]+)[.)]$/.test(marker);
    return { level: level, ordered: ordered };
  }

  function cleanNode(node, out) {
    for (var child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) { out.appendChild(document.createTextNode(child.nodeValue)); continue; }
      if (child.nodeType !== 1) { continue; }  // comments, conditional Word junk
      var tag = child.tagName.toUpperCase();
      if (tag === "O:P" || DROP[tag]) { continue; }  // Word's empty-paragraph markers
      var target = HEADING_MAP[tag] || tag;
      if (tag === "DIV" || tag === "SECTION" || tag === "ARTICLE") { target = "P"; }
      if (ALLOWED[target]) {
        var el = document.createElement(target);
        if (target === "A") {
          var href = child.getAttribute("href") || "";
          if (/^(https?:|mailto:)/i.test(href)) { el.setAttribute("href", href); } else { el = document.createElement("SPAN"); }
        }
        cleanNode(child, el);
        if (el.tagName === "SPAN") { while (el.firstChild) { out.appendChild(el.firstChild); } } else { out.appendChild(el); }
      } else {
        cleanNode(child, out);  // unwrap span, font, table cells ... keep their text
      }
    }
  }

  function convertWordLists(root) {
    var paras = Array.prototype.slice.call(root.querySelectorAll("p"));
    var currentList = null;
    var lastPara = null;
    paras.forEach(function (p) {
      var info = wordListInfo(p);
      if (!info) { currentList = null; lastPara = p; return; }
      var adjacent = currentList && lastPara && lastPara.nextElementSibling === p;
      if (!adjacent || currentList.tagName !== (info.ordered ? "OL" : "UL")) {
        currentList = document.createElement(info.ordered ? "ol" : "ul");
        p.parentNode.insertBefore(currentList, p);
      }
      var li = document.createElement("li");
      while (p.firstChild) { li.appendChild(p.firstChild); }
      currentList.appendChild(li);
      var next = p.nextElementSibling;
      p.parentNode.removeChild(p);
      lastPara = currentList;
      if (next !== null && lastPara.nextElementSibling !== next) { currentList = null; }
    });
  }

  function cleanHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    convertWordLists(doc.body);
    var out = document.createElement("div");
    cleanNode(doc.body, out);
    // Drop empty paragraphs Word leaves between blocks.
    Array.prototype.slice.call(out.querySelectorAll("p")).forEach(function (p) {
      if (!p.textContent.replace(/\u00a0/g, " ").trim() && !p.querySelector("br")) { p.parentNode.removeChild(p); }
    });
    return out.innerHTML;
  }

  // ---- The rich editor per section ----
  var TOOLS = [
    ["formatBlock:h3", "Rubrik"], ["formatBlock:h4", "Underrubrik"], ["formatBlock:p", "Stycke"],
    ["bold", "Fet"], ["italic", "Kursiv"],
    ["insertUnorderedList", "Punktlista"], ["insertOrderedList", "Numrerad lista"],
    ["createLink", "Länk"], ["unlink", "Ta bort länk"]
  ];

  function enhance(textarea) {
    var label = form.querySelector("label[for='" + textarea.id + "']");
    var toolbar = document.createElement("div");
    toolbar.className = "rich-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Formatering" + (label ? ": " + label.textContent : ""));
    var editor = document.createElement("div");
    editor.className = "rich-editor prose";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.id = textarea.id + "-rich";
    if (label) {
      if (!label.id) { label.id = textarea.id + "-label"; }
      editor.setAttribute("aria-labelledby", label.id);
      // A label can only point at form controls: focus the editor by hand instead.
      label.removeAttribute("for");
      label.addEventListener("click", function () { editor.focus(); });
    }
    editor.innerHTML = cleanHtml(textarea.value);
    TOOLS.forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = tool[1];
      button.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep selection
      button.addEventListener("click", function () {
        editor.focus();
        var parts = tool[0].split(":");
        if (parts[0] === "createLink") {
          var href = window.prompt("Adress (https://…)", "https://");
          if (!href || !/^(https?:|mailto:)/i.test(href)) { return; }
          document.execCommand("createLink", false, href);
        } else {
          document.execCommand(parts[0], false, parts[1] || null);
        }
        sync();
      });
      toolbar.appendChild(button);
    });
    function sync() {
      textarea.value = editor.innerHTML;
      markDirty();
    }
    editor.addEventListener("input", sync);
    editor.addEventListener("paste", function (e) {
      var data = e.clipboardData;
      if (!data) { return; }
      var html = data.getData("text/html");
      e.preventDefault();
      if (html) {
        document.execCommand("insertHTML", false, cleanHtml(html));
      } else {
        var text = data.getData("text/plain");
        var escaped = text.split(/\r?\n\s*\r?\n/).map(function (para) {
          var div = document.createElement("div");
          div.textContent = para.trim();
          return "<p>" + div.innerHTML.replace(/\r?\n/g, "<br>") + "</p>";
        }).join("");
        document.execCommand("insertHTML", false, escaped);
      }
      sync();
    });
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(editor, textarea);
  }

  Array.prototype.forEach.call(form.querySelectorAll("textarea.section-html"), enhance);

  // ---- Autosave ----
  function markDirty() {
    if (stopped) { return; }
    if (!dirty) { setStatus("Osparade ändringar"); }
    dirty = true;
  }
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function save() {
    if (inflight) { return inflight; }
    if (!dirty || stopped || leaving) { return Promise.resolve(); }
    dirty = false;
    setStatus("Sparar …");
    var body = new FormData(form);
    inflight = fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok) {
          versionInput.value = data.version;
          form.querySelectorAll("input[name=version]").forEach(function (i) { i.value = data.version; });
          document.querySelectorAll("form:not(#editor-form) input[name=version]").forEach(function (i) { i.value = data.version; });
          setStatus("Sparat " + (data.saved_at || ""));
        } else if (response.status === 409) {
          stopped = true;
          setStatus("Inte sparat: " + (data.error || "någon annan har sparat en nyare version.") +
            " Klicka på Spara för att jämföra och slå ihop – din text finns kvar.", true);
        } else {
          dirty = true;
          // The server names the field and ends its sentence: no second stop here.
          setStatus("Inte sparat. " + (data.error || "Kontrollera fälten.") +
            " Rätta och klicka på Spara.", true);
        }
      });
    }).catch(function () {
      dirty = true;
      var now = new Date();
      setStatus("Kunde inte spara " + pad(now.getHours()) + ":" + pad(now.getMinutes()) + " (ingen anslutning). Försöker igen.", true);
    }).then(function () { inflight = null; });
    return inflight;
  }

  window.setInterval(save, AUTOSAVE_MS);

  // Any form on the page (the editor itself, bilagor, copy section): finish the running
  // autosave first, so the posted version number is the latest one.
  document.addEventListener("submit", function (e) {
    var target = e.target;
    if (target.dataset.ready === "1") { leaving = true; return; }
    if (!inflight && (target === form || !dirty || stopped)) { leaving = true; return; }
    e.preventDefault();
    var submitter = e.submitter;
    var wait = target === form ? (inflight || Promise.resolve()) : save();
    leaving = true;  // no new autosave may slip in between and outdate the posted version
    wait.then(function () {
      if (target !== form) {
        target.querySelectorAll("input[name=version]").forEach(function (i) { i.value = versionInput.value; });
      }
      target.dataset.ready = "1";
      leaving = true;
      if (target.requestSubmit) { target.requestSubmit(submitter || undefined); } else { target.submit(); }
    });
  }, true);

  function saveOnLeave() {
    if (leaving || !dirty || stopped || !navigator.sendBeacon) { return; }
    dirty = false;
    navigator.sendBeacon(url, new FormData(form));
  }
  window.addEventListener("pagehide", saveOnLeave);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { save(); }
  });

  window.remissDrafting = { cleanHtml: cleanHtml, save: save };
}());
