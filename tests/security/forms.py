"""Finds the POST forms on a page, so hostile input reaches every form without a list."""

from html.parser import HTMLParser

# Field types a person types into; hidden fields keep their value, files are left out.
TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", "number", "date",
              "datetime-local", "time", "month", "week", ""}


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._current, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"action": attrs.get("action") or "",
                             "method": (attrs.get("method") or "get").lower(),
                             "fixed": {}, "text": [], "choices": {}}
            self.forms.append(self._current)
        elif self._current is None or not attrs.get("name"):
            return
        elif tag == "input":
            kind = (attrs.get("type") or "").lower()
            if kind in ("hidden", "checkbox", "radio", "submit"):
                if kind != "radio" or attrs.get("checked") is not None:
                    self._current["fixed"][attrs["name"]] = attrs.get("value") or "on"
            elif kind in TEXT_TYPES:
                self._current["text"].append(attrs["name"])
        elif tag == "textarea":
            self._current["text"].append(attrs["name"])
        elif tag == "select":
            self._select = attrs["name"]
            self._current["choices"][self._select] = []
        elif tag == "option" and self._select:
            self._current["choices"][self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def post_forms(html: str, page_url: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    forms = [form for form in parser.forms if form["method"] == "post"]
    for form in forms:
        form["action"] = form["action"] or page_url
    return forms
