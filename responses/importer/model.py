"""What the importer found in a tjänsteutlåtande: the parsed document and its sections.

``ParsedUtlatande.to_json()`` is the contract of ``import_utlatande --dry-run --format
json`` (docs/importer.md); ``as_text()`` is everything kept, for the no-word-lost checks.
"""

import html
import re
from dataclasses import dataclass, field

EMPHASIS_RE = re.compile(r"(\*{1,2})(?=\S)(.+?)(?<=\S)\1")


# The fields that carry a confidence in to_json() and on the import page.
CONFIDENCE_FIELDS = ("title", "dnr", "own_dnr", "date", "till", "handlaggare",
                     "decision_points", "signatories")
# How a field was found → its confidence.
BY_LABEL, BY_PATTERN, BY_GUESS = 1.0, 0.8, 0.5


@dataclass
class Section:
    heading: str
    kind: str
    parts: list = field(default_factory=list)  # ("p", str) ("ul", [str]) ("ol", [str]) ("h3", str)
    recognised: bool = True  # heading known by name; False = found by layout only
    explicit: bool = False  # marked as a heading by the source (Markdown, Word style, font)
    synthetic: bool = False  # heading invented by the importer (no such line in the source)

    def add(self, kind: str, text: str) -> None:
        if kind in ("ul", "ol"):
            if self.parts and self.parts[-1][0] == kind:
                self.parts[-1][1].append(text)
            else:
                self.parts.append((kind, [text]))
        else:
            self.parts.append((kind, text))

    @property
    def text(self) -> str:
        return self.render_text()

    def render_text(self, markers: bool = True) -> str:
        """Plain text; without markers lists lose their "- " and "1. " (for word counts)."""
        out = []
        for kind, value in self.parts:
            if kind in ("ul", "ol"):
                out.append("\n".join(
                    (f"- {_plain(item)}" if kind == "ul" else f"{i}. {_plain(item)}")
                    if markers else _plain(item) for i, item in enumerate(value, 1)))
            else:
                out.append(_plain(value))
        return "\n\n".join(out)

    @property
    def html(self) -> str:
        out = []
        for kind, value in self.parts:
            if kind in ("ul", "ol"):
                items = "".join(f"<li>{_inline_html(item)}</li>" for item in value)
                out.append(f"<{kind}>{items}</{kind}>")
            else:
                tag = "h3" if kind == "h3" else "p"
                out.append(f"<{tag}>{_inline_html(value)}</{tag}>")
        return "".join(out)


def _plain(text: str) -> str:
    return EMPHASIS_RE.sub(r"\2", text)


def _inline_html(text: str) -> str:
    def emphasis(match):
        tag = "strong" if len(match.group(1)) == 2 else "em"
        return f"<{tag}>{match.group(2)}</{tag}>"

    return EMPHASIS_RE.sub(emphasis, html.escape(text, quote=False))


@dataclass
class ParsedUtlatande:
    title: str | None = None
    dnr: str | None = None
    own_dnr: str | None = None
    date: object = None  # datetime.date
    till: str | None = None
    handlaggare: list = field(default_factory=list)
    decision_points: list = field(default_factory=list)
    signatories: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    bilagor: list = field(default_factory=list)
    # Found in the header but outside the contract: förvaltning, avdelning, document type.
    forvaltning: str = ""
    avdelning: str = ""
    header_labels: list = field(default_factory=list)  # "Handläggare:", "Till" as written
    header_extra: list = field(default_factory=list)  # header lines kept verbatim
    # [(kind, message)]: kind is "recognised", "guessed" or "free_text"
    report: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    # field → how sure the importer is, 0.0 (missing) to 1.0 (found by its label)
    confidence: dict = field(default_factory=dict)

    def note(self, kind: str, message: str) -> None:
        self.report.append((kind, message))

    @property
    def warnings(self) -> list[str]:
        return self.missing + [m for kind, m in self.report if kind != "recognised"]

    def to_json(self) -> dict:
        """The documented contract (docs/importer.md): ISO dates, null where absent."""
        return {
            "title": self.title,
            "dnr": self.dnr,
            "own_dnr": self.own_dnr,
            "date": self.date.isoformat() if self.date else None,
            "till": self.till,
            "handlaggare": [{"name": x["name"], "telefon": x.get("telefon") or None}
                            for x in self.handlaggare],
            "decision_points": list(self.decision_points),
            "signatories": [{"name": s["name"], "title": s.get("title") or None}
                            for s in self.signatories],
            "sections": [{"heading": s.heading, "text": s.text} for s in self.sections],
            "bilagor": list(self.bilagor),
            "warnings": self.warnings,
            "confidence": {name: self.confidence.get(name, 0.0) for name in CONFIDENCE_FIELDS},
        }

    def as_text(self) -> str:
        """Everything the parser kept, as plain text: for checking that no word was lost."""
        out = [self.forvaltning, self.avdelning, *self.header_labels, *self.header_extra,
               self.own_dnr or "", self.date_text, self.till or ""]
        for person in self.handlaggare:
            out += [person["name"], person.get("telefon") or ""]
        out.append(self.title_text)
        for section in self.sections:
            if not section.synthetic:
                out.append(section.heading)
            out.append(section.render_text(markers=False))
        for person in self.signatories:
            out += [person["name"], person.get("title") or "", person.get("organisation") or ""]
        return "\n".join(x for x in out if x)

    date_text: str = ""  # the date as written
    title_text: str = ""  # the title lines as written (the title may add a full stop)
