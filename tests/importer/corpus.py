"""A generated corpus of tjänsteutlåtanden the importer has never seen.

Each of the four seeds gives its body (decision points, signatories, sections, bilagor);
the header around it is generated in the ways Stockholm's templates have varied over the
years: labels inline, on a line of their own or in columns; one to three handläggare with
telephone numbers written three ways; the date in a Datum field, under the Till block or
only in the running footer; the KS dnr in its own field, in the title or both; the title
before or after the Till block; headings in capitals or not, three names for the förslag
till beslut; signatures in two columns or one under the other.

Every variant is written as text, as DOCX (python-docx) and as PDF, through the app's own
WeasyPrint templates and through a plain layout with running headers and footers. Its
``expected`` fields are what the importer must find, field by field.
"""

import datetime
import io
import itertools
from dataclasses import dataclass, field
from html import escape
from types import SimpleNamespace

from responses.importer import headings as h
from responses.importer.model import ParsedUtlatande
from responses.importer.parser import parse_text
from responses.sanitize import clean_html

from .seeds import SEEDS, seed_text

VARIANTS_PER_SEED = 20
FIELDS = ("title", "dnr", "own_dnr", "date", "till", "handlaggare", "decision_points",
          "signatories", "headings", "bilagor")


@dataclass(frozen=True)
class Source:
    """What the header of one seed's answer says (the seeds lost most of theirs)."""

    seed: str
    forvaltningar: tuple  # one, or two for a joint answer
    avdelning: str
    own_dnr: tuple  # one per förvaltning
    ks_dnr: str
    program: str
    date: datetime.date
    till: str
    handlaggare: tuple  # ((name, phone digits), ...), up to three
    address: str


SOURCES = [
    Source("2016-stadsarkivet.txt", ("Stadsarkivet",), "Enheten för arkivutveckling",
           ("1.5.1-412/2016",), "174-742/2016", "Reviderat program för kvalitetsutveckling",
           datetime.date(2016, 10, 20), "Kulturnämnden",
           (("Jonas Holm", "0850828310"), ("Eva Sundberg", "0850828300"),
            ("Lena Ek", "0850828322")), "Box 22063, 104 22 Stockholm"),
    Source("2016-kulturforvaltningen.txt", ("Kulturförvaltningen", "Stadsarkivet"),
           "Avdelningen för kulturstrategi", ("RK-2016/0456", "1.5.1-413/2016"),
           "174-742/2016", "Reviderat program för kvalitetsutveckling",
           datetime.date(2016, 11, 8), "Kulturnämnden",
           (("Maria Lindqvist", "0850831912"), ("Jonas Holm", "0850828310"),
            ("Anna Berg", "0850831905")), "Box 16113, 103 23 Stockholm"),
    Source("2011-rinkeby-kista.txt", ("Rinkeby-Kista stadsdelsförvaltning",),
           "Avdelningen för ledning och stöd", ("1.5.1-123/2011",), "KS-dnr 009-1322/2011",
           "Stadsledningskontorets förslag till program för kvalitetsutveckling",
           datetime.date(2011, 9, 1), "Rinkeby-Kista stadsdelsnämnd",
           (("Klas Robinson", "0850801352"), ("Fatima Ali", "0850801020"),
            ("Olle Johnselius", "0850801000")), "Box 7032, 164 07 Kista"),
    Source("2011-utbildningsforvaltningen.txt", ("Utbildningsförvaltningen",),
           "Avdelningen för verksamhetsstöd", ("07-600/4455",), "KS-dnr 009-1322/2011",
           "Förslag till program för kvalitetsutveckling i Stockholms stad",
           datetime.date(2011, 8, 23), "Utbildningsnämnden",
           (("Sara Nyström", "0850833540"), ("Thomas Persson", "0850833000"),
            ("Johanna Engman", "0850833010")), "Box 22049, 104 22 Stockholm"),
]

# The dimensions a variant combines (one value of each).
LABELS = ("inline", "below", "columns")
DATE_AT = ("datum", "till", "bare", "footer")
DNR_AT = ("field", "title", "both")
TITLE_AT = ("before_till", "after_till")
SIGNATURES = ("columns", "stacked")
HEADINGS = ("plain", "caps")
BESLUT_HEADINGS = ("Förslag till beslut", "Förvaltningens förslag till beslut",
                   "{org} föreslår att nämnden beslutar")
PHONES = ("08-{a} {b} {c}", "08-{a}{b}{c}", "+46 8 {a} {b} {c}")


@dataclass
class Variant:
    source: Source
    number: int
    labels: str
    handlaggare: int
    date_at: str
    dnr_at: str
    title_at: str
    signatures: str
    headings: str
    beslut_heading: str
    joint: bool
    one_line_title: bool
    body: ParsedUtlatande = field(repr=False, default=None)

    @property
    def name(self) -> str:
        return f"{self.source.seed[:-4]}-{self.number:02d}"

    # --- header values ------------------------------------------------------------------
    def phone(self, index: int) -> str:
        digits = self.source.handlaggare[index][1]
        return PHONES[(self.number + index) % len(PHONES)].format(
            a=digits[2:5], b=digits[5:8], c=digits[8:])

    def people(self) -> list[dict]:
        return [{"name": self.source.handlaggare[i][0], "telefon": self.phone(i)}
                for i in range(self.handlaggare)]

    def forvaltningar(self) -> tuple:
        return self.source.forvaltningar if self.joint else self.source.forvaltningar[:1]

    def own_dnrs(self) -> tuple:
        return self.source.own_dnr[:len(self.forvaltningar())] \
            if self.dnr_at in ("field", "both") else ()

    def title_lines(self) -> list[str]:
        program = self.source.program
        if self.dnr_at in ("title", "both"):
            program = f"{program} ({self.source.ks_dnr})"
        if self.one_line_title:
            return [f"{program} – svar på remiss från kommunstyrelsen"]
        return [program, "Svar på remiss från kommunstyrelsen"]

    def date_text(self) -> str:
        if self.number % 3 == 1:
            months = list(h.MONTHS)
            return f"{self.source.date.day} {months[self.source.date.month - 1]} " \
                   f"{self.source.date.year}"
        return self.source.date.isoformat()

    def heading(self, text: str) -> str:
        return text.upper() if self.headings == "caps" else text

    def beslut(self) -> str:
        org = self.forvaltningar()[0]
        return self.heading(self.beslut_heading.format(org=org))

    # --- what the importer must find ------------------------------------------------------
    def expected(self) -> dict:
        lines = self.title_lines()
        title = lines[0] if len(lines) == 1 else f"{lines[0]}. {lines[1]}"
        dnr = h.find_ks_dnr(self.source.ks_dnr) if self.dnr_at != "field" else \
            SEEDS[self.source.seed]["dnr"] if self.source.seed != "2011-rinkeby-kista.txt" \
            else None
        return {
            "title": title, "dnr": dnr,
            "own_dnr": self.own_dnrs()[0] if self.own_dnrs() else None,
            "date": self.source.date.isoformat(), "till": self.source.till,
            "handlaggare": self.people(),
            "decision_points": list(self.body.decision_points),
            "signatories": [{"name": s["name"], "title": s.get("title") or None}
                            for s in self.body.signatories],
            "headings": [self.section_heading(s) for s in self.body_sections()],
            "bilagor": list(self.body.bilagor),
        }

    def body_sections(self):
        return [s for s in self.body.sections if not s.synthetic]

    def section_heading(self, section) -> str:
        if section.kind == h.BESLUT:
            return self.beslut()
        if section.recognised:
            return self.heading(section.heading)
        return section.heading


def _variants_for(source: Source, body: ParsedUtlatande) -> list[Variant]:
    """VARIANTS_PER_SEED combinations that together cover every value of every dimension."""
    out = []
    combos = list(itertools.product(LABELS, DATE_AT, DNR_AT, TITLE_AT))
    step = 7  # coprime with len(combos): spreads the picks over all of them
    for number in range(VARIANTS_PER_SEED):
        labels, date_at, dnr_at, title_at = combos[(number * step) % len(combos)]
        out.append(Variant(
            source=source, number=number, labels=labels, handlaggare=number % 3 + 1,
            date_at=date_at, dnr_at=dnr_at, title_at=title_at,
            signatures=SIGNATURES[number % 2], headings=HEADINGS[(number // 2) % 2],
            beslut_heading=BESLUT_HEADINGS[number % 3],
            joint=len(source.forvaltningar) > 1 and number % 2 == 0,
            one_line_title=number % 5 == 4, body=body))
    return out


def variants() -> list[Variant]:
    result = []
    for source in SOURCES:
        result += _variants_for(source, parse_text(seed_text(source.seed)))
    return result


DIMENSIONS = ("labels", "handlaggare", "date_at", "dnr_at", "title_at", "signatures",
              "headings", "beslut_heading", "joint", "one_line_title")


def covering(variants_: list[Variant]) -> list[Variant]:
    """Per seed, the fewest variants (greedily) that show every value of every dimension."""
    chosen: list[Variant] = []
    for source in SOURCES:
        mine = [v for v in variants_ if v.source is source]
        needed = {(d, getattr(v, d)) for v in mine for d in DIMENSIONS}
        while needed:
            best = max(mine, key=lambda v: len(needed & {(d, getattr(v, d))
                                                         for d in DIMENSIONS}))
            chosen.append(best)
            needed -= {(d, getattr(best, d)) for d in DIMENSIONS}
    return chosen


# --- the header as lines of text ----------------------------------------------------------

def header_lines(v: Variant, *, footer_date: bool = True) -> list[list[str]]:
    """The header as blocks of lines (a blank line between blocks); cells split by 2+ spaces."""
    top = [*v.forvaltningar(), v.source.avdelning, "Tjänsteutlåtande"]
    facts = []
    for dnr in v.own_dnrs():
        facts.append(("Dnr", dnr))
    if v.date_at == "datum":
        facts.append(("Datum", v.date_text()))
    people = v.people()
    blocks: list[list[str]] = []
    if v.labels == "inline":
        top += [f"{label} {value}" if label == "Dnr" and v.number % 2 else
                f"{label}: {value}" for label, value in facts]
        if v.date_at == "bare":
            top.append(v.date_text())
        blocks.append(top)
        contact = []
        for person in people:
            contact += [f"Handläggare: {person['name']}", f"Telefon: {person['telefon']}"]
        blocks.append(contact)
    elif v.labels == "below":
        for label, value in facts:
            top += [label, value]
        if v.date_at == "bare":
            top.append(v.date_text())
        blocks.append(top)
        contact = ["Handläggare"]
        for person in people:
            contact += [person["name"], f"Telefon {person['telefon']}"]
        blocks.append(contact)
    else:  # columns: two cells a line, as a Word header table extracts
        blocks.append(top)
        row = [f"{label}: {value}" for label, value in facts]
        if v.date_at == "bare":
            row.append(v.date_text())
        if row:
            blocks.append(["    ".join(row)])
        blocks.append([f"Handläggare: {p['name']}    Telefon: {p['telefon']}" for p in people])
    till = ["Till", v.source.till]
    if v.date_at == "till":
        till.append(v.date_text())
    elif v.date_at == "footer" and not footer_date:
        till.append(v.date_text())  # no running footer in this format: the meeting date
    title = v.title_lines()
    if v.title_at == "before_till":
        blocks += [title, till]
    else:
        blocks += [till, title]
    return blocks


def footer_line(v: Variant) -> str:
    date = f"  {v.date_text()}" if v.date_at == "footer" else ""
    return f"{v.forvaltningar()[0]}  {v.source.address}{date}"


# --- the body ----------------------------------------------------------------------------

def _signature_lines(v: Variant) -> list[list[str]]:
    people = v.body.signatories
    titles = [(s.get("title") or "").split(", ") for s in people]
    if v.signatures == "stacked" or len(people) != 2:
        return [[s["name"], *t] for s, t in zip(people, titles, strict=True)]
    width = max(len(people[0]["name"]), *(len(t) for t in titles[0])) + 6
    rows = [people[0]["name"].ljust(width) + people[1]["name"]]
    for i in range(max(len(titles[0]), len(titles[1]))):
        left = titles[0][i] if i < len(titles[0]) else ""
        right = titles[1][i] if i < len(titles[1]) else ""
        rows.append((left.ljust(width) + right).rstrip() if left else " " * width + right)
    return [rows]


def body_blocks(v: Variant, *, markup: bool = True) -> list[tuple[str, object]]:
    """("h1"|"h2"|"h3"|"p"|"ul"|"ol"|"sig", value) in document order."""
    out = []
    for section in v.body_sections():
        heading = v.section_heading(section)
        out.append(("h1" if section.recognised else "h2", heading))
        for kind, value in section.parts:
            if kind in ("ul", "ol"):
                out.append((kind, [i.replace("*", "") for i in value]))
            else:
                out.append((kind, value.replace("*", "")))
        if section.kind == h.BESLUT and v.body.signatories:
            out.append(("sig", _signature_lines(v)))
    return out


def to_text(v: Variant) -> str:
    """Plain text; a page break and a running footer after the header when the date is
    only in the footer."""
    parts = ["\n".join(block) for block in header_lines(v)]
    for kind, value in body_blocks(v):
        if kind == "h1":
            parts.append(value)
        elif kind == "h2":
            parts.append(f"## {value}")
        elif kind == "h3":
            parts.append(f"### {value}")
        elif kind == "p":
            parts.append(value)
        elif kind == "ul":
            parts.append("\n".join(f"- {item}" for item in value))
        elif kind == "ol":
            parts.append("\n".join(f"{i}. {item}" for i, item in enumerate(value, 1)))
        else:
            parts += ["\n".join(rows) for rows in value]
    if v.date_at != "footer":
        return "\n\n".join(parts) + "\n"
    # Two pages with the same footer: the date stands only there.
    half = len(parts) // 2
    footer = footer_line(v)
    return ("\n\n".join(parts[:half]) + f"\n\n{footer}\nSida 1 (2)\n\f"
            + "\n\n".join(parts[half:]) + f"\n\n{footer}\nSida 2 (2)\n")


def content_text(v: Variant) -> str:
    """The words of the document, its running footer once (for the no-word-lost check)."""
    parts = ["\n".join(block) for block in header_lines(v)]
    if v.date_at == "footer":
        parts.append(footer_line(v))
    for kind, value in body_blocks(v):
        if kind == "sig":
            parts += ["\n".join(rows) for rows in value]
        elif kind in ("ul", "ol"):
            parts.append("\n".join(value))
        else:
            parts.append(value)
    return "\n\n".join(parts)


def _paragraph(document, text: str, style_id: str):
    """A paragraph in a style given by id: python-docx's lookup by name is slow."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def to_docx(v: Variant) -> bytes:
    import docx

    document = docx.Document()
    if v.date_at == "footer":
        footer = document.sections[0].footer
        footer.paragraphs[0].text = footer_line(v)
    for block in header_lines(v):
        if block == v.title_lines():
            _paragraph(document, block[0], "Title")
            for line in block[1:]:
                document.add_paragraph(line)
            continue
        cells = [line.split("    ") for line in block]
        if v.labels == "columns" and any(len(c) > 1 for c in cells):
            table = document.add_table(rows=len(cells), cols=max(len(c) for c in cells))
            for r, row in enumerate(cells):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            continue
        paragraph = document.add_paragraph(block[0])
        for line in block[1:]:
            paragraph.add_run().add_break()
            paragraph.add_run(line)
    for kind, value in body_blocks(v):
        if kind == "h1":
            _paragraph(document, value, "Heading1")
        elif kind == "h2":
            _paragraph(document, value, "Heading1")
        elif kind == "h3":
            _paragraph(document, value, "Heading2")
        elif kind == "p":
            document.add_paragraph(value)
        elif kind in ("ul", "ol"):
            style = "ListBullet" if kind == "ul" else "ListNumber"
            for item in value:
                _paragraph(document, item, style)
        elif v.signatures == "columns" and len(v.body.signatories) == 2:
            table = document.add_table(rows=1, cols=2)
            for column, person in enumerate(v.body.signatories):
                table.cell(0, column).text = "\n".join(
                    [person["name"], *(person.get("title") or "").split(", ")])
        else:
            for rows in value:
                document.add_paragraph("\n".join(rows))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF ---------------------------------------------------------------------------------

PLAIN_CSS = """
@page { size: A4; margin: 3cm 2cm 3cm;
        @top-left { content: "%(top)s"; font-family: DejaVu Sans; font-size: 8pt; }
        @bottom-left { content: "%(footer)s"; font-family: DejaVu Sans; font-size: 8pt; }
        @bottom-right { content: "Sida " counter(page) " (" counter(pages) ")";
                        font-family: DejaVu Sans; font-size: 8pt; } }
body { font-family: DejaVu Sans; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; } h3 { font-size: 10.5pt; font-weight: bold; }
p, li { hyphens: auto; text-align: left; width: 12cm; }
ul, ol { list-style-position: inside; padding-left: 0; }
.cols td { padding-right: 1.5cm; vertical-align: top; }
.sig td { padding-right: 2cm; vertical-align: top; }
"""


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_plain_html(v: Variant) -> str:
    """A plain layout: running header and footer on every page, the header as text."""
    out = []
    for block in header_lines(v):
        if block == v.title_lines():
            out.append(f"<h1>{escape(block[0])}</h1>")
            out += [f"<p>{escape(line)}</p>" for line in block[1:]]
        elif v.labels == "columns" and any("    " in line for line in block):
            rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in line.split("    "))
                           + "</tr>" for line in block)
            out.append(f"<table class='cols'>{rows}</table>")
        else:
            out.append("<p>" + "<br>".join(escape(line) for line in block) + "</p>")
    for kind, value in body_blocks(v):
        if kind in ("h1", "h2"):
            out.append(f"<h2>{escape(value)}</h2>")
        elif kind == "h3":
            out.append(f"<h3>{escape(value)}</h3>")
        elif kind == "p":
            out.append(f"<p>{escape(value)}</p>")
        elif kind in ("ul", "ol"):
            out.append(f"<{kind}>" + "".join(f"<li>{escape(i)}</li>" for i in value)
                       + f"</{kind}>")
        elif v.signatures == "columns" and len(v.body.signatories) == 2:
            cells = "".join("<td>" + "<br>".join(escape(x) for x in [
                p["name"], *(p.get("title") or "").split(", ")]) + "</td>"
                for p in v.body.signatories)
            out.append(f"<table class='sig'><tr>{cells}</tr></table>")
        else:
            out += ["<p>" + "<br>".join(escape(x) for x in rows) + "</p>" for rows in value]
    css = PLAIN_CSS % {"top": _css_string(f"{v.forvaltningar()[0]}  Tjänsteutlåtande"),
                       "footer": _css_string(footer_line(v))}
    return (f"<!doctype html><html lang='sv'><head><meta charset='utf-8'><style>{css}</style>"
            f"</head><body>{''.join(out)}</body></html>")


def to_plain_pdf(v: Variant) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_plain_html(v)).write_pdf()


def app_context(v: Variant) -> dict:
    """The context of the app's own template (responses/pdf/_document.html), unsaved."""
    from responses.pdf.layout import Party

    title = " ".join(v.expected()["title"].split())
    parties = []
    own = v.own_dnrs()
    for i, forvaltning in enumerate(v.forvaltningar()):
        parties.append(Party(forvaltning, v.source.till, f"p{i}", own[i] if i < len(own) else ""))
    parties[0].signatories = [dict(s, organisation="p0") for s in v.body.signatories]
    utlatande = SimpleNamespace(
        title=title, date=v.source.date, handlaggare=v.people(), avdelning=v.source.avdelning,
        decision_points=list(v.body.decision_points), signatories=v.body.signatories,
        version=1)
    sections = [{"key": str(i), "kind": s.kind, "heading": v.section_heading(s),
                 "html": clean_html(s.html)}
                for i, s in enumerate(v.body_sections()) if s.kind not in (h.BESLUT, h.BILAGOR)]
    return {"utlatande": utlatande, "parties": parties, "joint": len(parties) > 1,
            "logos": False, "remiss": None, "dnr_line": ", ".join(own),
            "till": v.source.till, "sections": sections,
            "bilagor": [SimpleNamespace(title=t) for t in v.body.bilagor], "draft": False,
            "watermark": "", "author": "", "subject": ""}


def app_expected(v: Variant) -> dict:
    """The app's template writes its own headings for the decision and the bilagor."""
    expected = v.expected()
    headings = []
    if v.body.decision_points:
        headings.append("Förvaltningarnas förslag till beslut" if len(v.forvaltningar()) > 1
                        else "Förvaltningens förslag till beslut")
    headings += [v.section_heading(s) for s in v.body_sections()
                 if s.kind not in (h.BESLUT, h.BILAGOR)]
    if v.body.bilagor:
        headings.append("Bilagor")
    expected["headings"] = headings
    expected["own_dnr"] = v.own_dnrs()[0] if v.own_dnrs() else None
    return expected


def to_app_pdf(v: Variant) -> bytes:
    from django.template.loader import render_to_string

    from responses.pdf.render import html_to_pdf

    html = render_to_string("responses/pdf/utlatande.html", app_context(v))
    return html_to_pdf(html)


def actual(parsed: ParsedUtlatande) -> dict:
    data = parsed.to_json()
    data["headings"] = [s.heading for s in parsed.sections]
    return {name: data[name] for name in FIELDS}


def same(name: str, got, want) -> bool:
    if name == "headings":
        return [x.casefold() for x in got] == [x.casefold() for x in want]
    return got == want
