"""Render a parsed seed back to DOCX (python-docx) and PDF (WeasyPrint) for the readers."""

import io
from html import escape

import docx

from responses.importer import headings as h
from responses.importer.parser import ParsedUtlatande


def _header_lines(parsed: ParsedUtlatande) -> list[str]:
    lines = []
    for person in parsed.handlaggare:
        lines.append(f"Handläggare: {person['name']}")
        if person.get("telefon"):
            lines.append(f"Telefon: {person['telefon']}")
    return lines


def _title_parts(parsed: ParsedUtlatande) -> list[str]:
    return parsed.title_text.split("\n") if parsed.title_text else []


def to_docx(parsed: ParsedUtlatande) -> bytes:
    document = docx.Document()
    for line in _header_lines(parsed):
        document.add_paragraph(line)
    if parsed.till:
        document.add_paragraph("Till")
        document.add_paragraph(parsed.till)
    parts = _title_parts(parsed)
    if parts:
        document.add_paragraph(parts[0], style="Title")
        for part in parts[1:]:
            document.add_paragraph(part)
    for section in parsed.sections:
        document.add_heading(section.heading, level=1)
        for kind, value in section.parts:
            if kind == "p":
                document.add_paragraph(value.replace("*", ""))
            elif kind == "h3":
                document.add_heading(value, level=2)
            else:
                style = "List Bullet" if kind == "ul" else "List Number"
                for item in value:
                    document.add_paragraph(item, style=style)
        if section.kind == h.BESLUT and parsed.signatories:
            table = document.add_table(rows=2, cols=len(parsed.signatories))
            for column, person in enumerate(parsed.signatories):
                table.cell(0, column).text = person["name"]
                table.cell(1, column).text = person.get("title") or ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


CSS = """
@page { size: A4; margin: 2cm 2cm 2.5cm;
        @bottom-right { content: "Sida " counter(page) " (" counter(pages) ")";
                        font-family: DejaVu Sans; font-size: 9pt; } }
body { font-family: DejaVu Sans; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; } h3 { font-size: 10.5pt; font-weight: bold; }
p, li { hyphens: auto; text-align: left; width: 11cm; }
ul, ol { list-style-position: inside; padding-left: 0; }
table td { padding-right: 2cm; vertical-align: top; }
"""


def to_html(parsed: ParsedUtlatande) -> str:
    out = [f"<p>{escape(line)}</p>" for line in _header_lines(parsed)]
    if parsed.till:
        out.append(f"<p>Till</p><p>{escape(parsed.till)}</p>")
    parts = _title_parts(parsed)
    if parts:
        out.append(f"<h1>{escape(parts[0])}</h1>")
        out += [f"<p>{escape(p)}</p>" for p in parts[1:]]
    for section in parsed.sections:
        out.append(f"<h2>{escape(section.heading)}</h2>")
        for kind, value in section.parts:
            if kind in ("ul", "ol"):
                items = "".join(f"<li>{escape(i.replace('*', ''))}</li>" for i in value)
                out.append(f"<{kind}>{items}</{kind}>")
            else:
                tag = "h3" if kind == "h3" else "p"
                out.append(f"<{tag}>{escape(value.replace('*', ''))}</{tag}>")
        if section.kind == h.BESLUT and parsed.signatories:
            cells = "".join(f"<td>{escape(p['name'])}<br>{escape(p.get('title') or '')}</td>"
                            for p in parsed.signatories)
            out.append(f"<table><tr>{cells}</tr></table>")
    return (f"<!doctype html><html lang='sv'><head><meta charset='utf-8'><style>{CSS}</style>"
            f"</head><body>{''.join(out)}</body></html>")


def to_pdf(parsed: ParsedUtlatande) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(parsed)).write_pdf()
