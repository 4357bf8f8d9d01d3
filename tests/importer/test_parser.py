"""The parser on the four seed texts and on PDF artefacts."""

import datetime

import pytest

from responses.importer.layout import join_lines, to_blocks
from responses.importer.parser import parse_text

from .seeds import SEEDS, assert_same_structure, kept_words, seed_text, words


@pytest.mark.parametrize("name", SEEDS)
def test_seed_structure(name):
    parsed = parse_text(seed_text(name))
    expected = SEEDS[name]
    assert parsed.title == expected["title"]
    assert_same_structure(parsed, expected)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_no_word_lost(name):
    source = seed_text(name)
    parsed = parse_text(source)
    assert kept_words(parsed) == words(source)


def test_seed_decision_points_and_signatories_exact():
    parsed = parse_text(seed_text("2011-rinkeby-kista.txt"))
    assert len(parsed.decision_points) == 2
    assert [s["title"] for s in parsed.signatories] == ["Stadsdelsdirektör",
                                                         "Administrativchef"]
    parsed = parse_text(seed_text("2011-utbildningsforvaltningen.txt"))
    assert len(parsed.decision_points) == 2 and len(parsed.signatories) == 2


def test_pdf_lines_joined_into_paragraphs():
    parsed = parse_text(seed_text("2016-stadsarkivet.txt"))
    first = parsed.sections[0].parts[0][1]
    assert first.startswith("Stadsledningskontoret har tagit fram ett reviderat program för "
                            "kvalitetsutveckling. I programmet beskrivs")
    assert "\n" not in first and "  " not in first


def test_hyphenation_rejoined_but_real_hyphens_kept():
    assert join_lines(["stadens kvalitets-", "utveckling är viktig"]) == \
        "stadens kvalitetsutveckling är viktig"
    assert join_lines(["risk- och", "sårbarhetsanalys"]) == "risk- och sårbarhetsanalys"
    assert join_lines(["väsentlighets-", "och riskanalys"]) == "väsentlighets- och riskanalys"
    assert join_lines(["(Dnr 009-", "1322/2011)"]) == "(Dnr 009-1322/2011)"
    assert join_lines(["ILS-", "webbverktyg"]) == "ILS-webbverktyg"


def test_page_debris_removed():
    text = ("Kulturförvaltningen\nTjänsteutlåtande\n\nSammanfattning\n\nFörvaltningen ställer "
            "sig bakom\nprogrammet som helhet och\n\nKulturförvaltningen\n2 (3)\n\f"
            "Kulturförvaltningen\n\nönskar tydligare skrivningar.\n\nÄrendet\n\nText.\n"
            "Kulturförvaltningen\n3 (3)\n")
    parsed = parse_text(text)
    assert parsed.sections[0].text == ("Förvaltningen ställer sig bakom programmet som "
                                       "helhet och önskar tydligare skrivningar.")
    assert "(3)" not in parsed.as_text()


def test_header_fields_and_dates():
    text = ("Kulturförvaltningen\nAvdelningen för kulturstrategi\nTjänsteutlåtande\n"
            "Dnr 1.2.3-456/2021\n2021-09-20\n\nHandläggare\nMaria Lindqvist\n"
            "Telefon: 08-508 319 12\n\nTill\nKulturnämnden\n\n"
            "Program för kvalitetsutveckling 2022–2025 (KS 2021/866)\n"
            "Svar på remiss från kommunstyrelsen\n\n"
            "Förvaltningens förslag till beslut\n\n1. Nämnden godkänner.\n2. Justeras.\n\n"
            "Per Ekström\nFörvaltningschef\n\nSammanfattning\n\nText.\n")
    parsed = parse_text(text)
    data = parsed.to_json()
    assert data["own_dnr"] == "1.2.3-456/2021"
    assert data["date"] == "2021-09-20"
    assert parsed.date == datetime.date(2021, 9, 20)
    assert data["handlaggare"] == [{"name": "Maria Lindqvist", "telefon": "08-508 319 12"}]
    assert data["till"] == "Kulturnämnden"
    assert data["dnr"] == "KS 2021/866"
    assert data["title"] == ("Program för kvalitetsutveckling 2022–2025 (KS 2021/866). "
                             "Svar på remiss från kommunstyrelsen")
    assert parsed.avdelning == "Avdelningen för kulturstrategi"
    assert data["signatories"] == [{"name": "Per Ekström", "title": "Förvaltningschef"}]
    assert kept_words(parsed) == words(text)


def test_no_headings_becomes_one_section_with_warning():
    text = "Vi har tagit del av remissen.\n\nVi har inga synpunkter på förslaget.\n"
    parsed = parse_text(text)
    assert len(parsed.sections) == 1
    assert any("Inga rubriker" in w for w in parsed.warnings)
    assert kept_words(parsed) == words(text)


def test_blocks_keep_signature_columns():
    blocks = to_blocks(seed_text("2011-utbildningsforvaltningen.txt"))
    assert any("Thomas Persson  Johanna Engman" in line.text
               for b in blocks for line in b.lines)


def test_underlag_keeps_one_fact_a_line():
    parsed = parse_text(seed_text("2016-kulturforvaltningen.txt"))
    underlag = parsed.sections[1]
    assert [v for _k, v in underlag.parts] == [
        "Remiss om ”Reviderat program för kvalitetsutveckling”",
        "Remisstiden sträcker sig till den 2016-11-28.",
        "Finansrotelns diarienummer: 174-742/2016", "Remissen är daterad 2016-07-07"]
