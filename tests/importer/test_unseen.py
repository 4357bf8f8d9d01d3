"""Two answers the importer has never seen, in other layouts: a stadsdelsnämnd (plain text
with columns) and a bolag (Word with a header table; the same as PDF)."""

import io

import docx
import pytest

from responses.importer.parser import parse_text
from responses.importer.readers import read_document

from .seeds import kept_words, words

DOCUMENTS = __import__("pathlib").Path(__file__).resolve().parent / "documents"


def test_stadsdelsnamnd_plain_text_layout():
    source = (DOCUMENTS / "sdn-hagersten-alvsjo.txt").read_text(encoding="utf-8")
    parsed = parse_text(source)
    data = parsed.to_json()
    assert data["title"] == ("Program för kvalitetsutveckling 2022–2025 (KS 2021/866). "
                             "Svar på remiss från kommunstyrelsen")
    assert data["dnr"] == "KS 2021/866"
    assert data["own_dnr"] == "HÄ 2021/1234"
    assert data["date"] == "2021-09-28"
    assert data["till"] == "Hägersten-Älvsjö stadsdelsnämnd"
    assert data["handlaggare"] == [{"name": "Anna Svensson", "telefon": "08-508 18 000"}]
    assert data["decision_points"] == [
        "Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det till "
        "kommunstyrelsen som svar på remissen.",
        "Paragrafen justeras omedelbart."]
    assert data["signatories"] == [{"name": "Kerstin Ahlberg", "title": "Stadsdelsdirektör"},
                                   {"name": "Lars Nyberg", "title": "Avdelningschef"}]
    assert [s["heading"] for s in data["sections"]] == [
        "Förvaltningens förslag till beslut", "Sammanfattning", "Bakgrund",
        "Ärendets beredning", "Ekonomiska konsekvenser",
        "Förvaltningens synpunkter och förslag", "Bilagor"]
    synpunkter = parsed.sections[5]
    assert [v for k, v in synpunkter.parts if k == "h3"] == ["Brukarnas delaktighet",
                                                            "Uppföljning och analys"]
    assert "<ul><li>metoder för dialog med äldre" in synpunkter.html
    assert data["bilagor"] == ["Remiss av program för kvalitetsutveckling 2022–2025",
                               "Program för kvalitetsutveckling 2022–2025"]
    assert parsed.avdelning == "Avdelningen för stadsutveckling"
    assert any("Ekonomiska konsekvenser" in w for w in data["warnings"])
    assert kept_words(parsed) == words(source)


BOLAG_SECTIONS = [
    ("Förslag till styrelsens beslut", [
        ("list", ["Styrelsen godkänner yttrandet och överlämnar det till kommunstyrelsen.",
                  "Paragrafen justeras omedelbart."])]),
    ("Sammanfattning", [("p", "Stockholmshem AB har fått programmet för kvalitetsutveckling "
                              "på remiss. Bolaget tillstyrker programmet med synpunkter.")]),
    ("Ärendet", [("p", "Kommunstyrelsen har remitterat ett förslag till program för "
                       "kvalitetsutveckling till nämnder och bolagsstyrelser.")]),
    ("Bolagets synpunkter", [
        ("h", "Bostadsbeståndet"),
        ("p", "Bolaget delar bedömningen att kvaliteten ska mätas ur hyresgästens perspektiv."),
        ("h", "Hyresgästernas inflytande"),
        ("p", "Bolaget vill särskilt lyfta fram följande områden:"),
        ("bullets", ["boinflytande i ombyggnadsprojekt", "digitala felanmälningar",
                     "trygghetsvandringar i bostadsområdena"])]),
    ("Miljö och hållbarhet", [("p", "Programmet bör kopplas tydligare till stadens "
                                    "miljöprogram, särskilt energieffektivisering.")]),
    ("Bilaga", [("list", ["Remiss av program för kvalitetsutveckling 2022–2025"])]),
]


def bolag_docx() -> bytes:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Stockholmshem AB"
    table.cell(0, 1).text = "Yttrande"
    table.cell(1, 0).text = "Handläggare: Erik Berg, tel 08-508 390 00"
    table.cell(1, 1).text = "Datum: 1 oktober 2021"
    document.add_paragraph("Program för kvalitetsutveckling 2022–2025 (KS 2021/866)",
                           style="Title")
    document.add_paragraph("Svar på remiss från kommunstyrelsen")
    for heading, parts in BOLAG_SECTIONS:
        document.add_heading(heading, level=1)
        for kind, value in parts:
            if kind == "p":
                document.add_paragraph(value)
            elif kind == "h":
                document.add_heading(value, level=2)
            else:
                style = "List Number" if kind == "list" else "List Bullet"
                for item in value:
                    document.add_paragraph(item, style=style)
        if heading.startswith("Förslag"):
            for line in ("Mats Larsson", "VD", "", "Eva Holm", "Ekonomichef"):
                document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bolag_pdf() -> bytes:
    from html import escape

    from weasyprint import HTML

    body = ["<table><tr><td>Stockholmshem AB</td><td>Yttrande</td></tr><tr><td>Handläggare: "
            "Erik Berg, tel 08-508 390 00</td><td>Datum: 1 oktober 2021</td></tr></table>",
            "<h1>Program för kvalitetsutveckling 2022–2025 (KS 2021/866)</h1>",
            "<p>Svar på remiss från kommunstyrelsen</p>"]
    for heading, parts in BOLAG_SECTIONS:
        body.append(f"<h2>{escape(heading)}</h2>")
        for kind, value in parts:
            if kind == "p":
                body.append(f"<p>{escape(value)}</p>")
            elif kind == "h":
                body.append(f"<h3>{escape(value)}</h3>")
            else:
                tag = "ol" if kind == "list" else "ul"
                body.append(f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in value)
                            + f"</{tag}>")
        if heading.startswith("Förslag"):
            body.append("<p>Mats Larsson<br>VD</p><p>Eva Holm<br>Ekonomichef</p>")
    css = ("body{font-family:DejaVu Sans;font-size:10pt} h1{font-size:18pt} "
           "h2{font-size:13pt} h3{font-size:10pt} ul,ol{list-style-position:inside} "
           "td{padding-right:3cm}")
    html = (f"<html lang='sv'><head><meta charset='utf-8'><style>{css}</style></head><body>"
            f"{''.join(body)}</body></html>")
    return HTML(string=html).write_pdf()


@pytest.mark.parametrize("render", [bolag_docx, bolag_pdf], ids=["docx", "pdf"])
def test_bolag_word_and_pdf_layout(render):
    text, _ = read_document(render(), "yttrande")
    parsed = parse_text(text)
    data = parsed.to_json()
    assert data["title"] == ("Program för kvalitetsutveckling 2022–2025 (KS 2021/866). "
                             "Svar på remiss från kommunstyrelsen")
    assert data["dnr"] == "KS 2021/866"
    assert data["date"] == "2021-10-01"
    assert data["handlaggare"] == [{"name": "Erik Berg", "telefon": "08-508 390 00"}]
    assert parsed.forvaltning == "Stockholmshem AB"
    assert data["decision_points"] == BOLAG_SECTIONS[0][1][0][1]
    assert data["signatories"] == [{"name": "Mats Larsson", "title": "VD"},
                                   {"name": "Eva Holm", "title": "Ekonomichef"}]
    assert [s["heading"] for s in data["sections"]] == [h for h, _ in BOLAG_SECTIONS]
    synpunkter = parsed.sections[3]
    assert [v for k, v in synpunkter.parts if k == "h3"] == ["Bostadsbeståndet",
                                                            "Hyresgästernas inflytande"]
    assert [v for k, v in synpunkter.parts if k == "ul"] == [BOLAG_SECTIONS[3][1][4][1]]
    assert data["bilagor"] == ["Remiss av program för kvalitetsutveckling 2022–2025"]
    assert any("Miljö och hållbarhet" in w for w in data["warnings"])
    assert kept_words(parsed) == words(text)


def test_word_page_header_is_read():
    document = docx.Document()
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "Kulturförvaltningen"
    header.add_paragraph("Dnr 4.1-123/2021")
    header.add_paragraph("2021-09-20")
    document.add_paragraph("Program för kvalitetsutveckling (KS 2021/866)", style="Title")
    document.add_heading("Sammanfattning", level=1)
    document.add_paragraph("Förvaltningen ställer sig bakom programmet.")
    buffer = io.BytesIO()
    document.save(buffer)
    text, _ = read_document(buffer.getvalue(), "svar.docx")
    parsed = parse_text(text)
    assert parsed.forvaltning == "Kulturförvaltningen"
    assert parsed.own_dnr == "4.1-123/2021"
    assert parsed.date.isoformat() == "2021-09-20"
    assert parsed.title == "Program för kvalitetsutveckling (KS 2021/866)"
    assert kept_words(parsed) == words(text)


def test_word_numbering_on_the_paragraph_gives_decision_points():
    """Word often numbers with "List Paragraph" plus its own numbering, not a list style."""
    document = docx.Document()
    number_id = document.styles["List Number"].element.pPr.numPr.numId.val
    bullet_id = document.styles["List Bullet"].element.pPr.numPr.numId.val
    document.add_heading("Förvaltningens förslag till beslut", level=1)
    document.add_paragraph("Kulturnämnden beslutar följande:")
    for text, num in (("Nämnden godkänner tjänsteutlåtandet.", number_id),
                      ("Ärendet justeras omedelbart.", number_id)):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num
    document.add_heading("Förvaltningens synpunkter", level=1)
    paragraph = document.add_paragraph("En punkt")
    paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = bullet_id
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_text(read_document(buffer.getvalue(), "svar.docx")[0])
    assert parsed.decision_points == ["Nämnden godkänner tjänsteutlåtandet.",
                                      "Ärendet justeras omedelbart."]
    assert parsed.sections[1].parts == [("ul", ["En punkt"])]


def test_joint_answer_of_two_forvaltningar():
    """The layout of the issue's failing document: two förvaltningar with a dnr each, two
    handläggare under one label with their numbers below, the meeting date under Till, the
    title after the Till block, signatures with their förvaltning, a one-page footer."""
    source = (DOCUMENTS / "gemensamt-kultur-stadsarkivet.txt").read_text(encoding="utf-8")
    parsed = parse_text(source)
    data = parsed.to_json()
    assert data["title"] == ("Program för kvalitetsutveckling 2022–2025 (KS 2021/866). "
                             "Svar på remiss från kommunstyrelsen")
    assert data["dnr"] == "KS 2021/866"
    assert data["own_dnr"] == "4.1-0456/2021"
    assert data["date"] == "2021-10-12"
    assert data["till"] == "Kulturnämnden"
    assert data["handlaggare"] == [{"name": "Maria Lindqvist", "telefon": "08-508 319 12"},
                                   {"name": "Jonas Holm", "telefon": "+46 8 508 283 10"}]
    assert data["signatories"] == [{"name": "Per Ekström", "title": "Förvaltningschef"},
                                   {"name": "Eva Sundberg", "title": "Stadsarkivarie"}]
    assert [s["organisation"] for s in parsed.signatories] == ["Kulturförvaltningen",
                                                               "Stadsarkivet"]
    assert [s["heading"] for s in data["sections"]] == [
        "Förvaltningarnas förslag till beslut", "Sammanfattning",
        "Förvaltningarnas synpunkter", "Bilagor"]  # no "Text" section from the header
    assert data["bilagor"] == ["Remiss av program för kvalitetsutveckling 2022–2025"]
    assert "SSA-2021/118" in parsed.header_extra  # the second förvaltning's dnr is kept
    assert data["warnings"] == []
    assert kept_words(parsed) == words(source)
