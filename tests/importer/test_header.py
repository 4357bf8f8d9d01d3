"""The header read by its fields: each variation Stockholm's templates have shown, alone."""

import pytest

from responses.importer.parser import parse_text
from responses.importer.title import title_score

from .seeds import kept_words, words

BODY = ("\n\nFörvaltningens förslag till beslut\n\n1. Nämnden godkänner.\n\n"
        "Sammanfattning\n\nText.\n")
TITLE = "Program för kvalitetsutveckling (KS 2021/866)\nSvar på remiss från kommunstyrelsen"


def parse(header: str):
    text = header + BODY
    parsed = parse_text(text)
    assert kept_words(parsed) == words(text)
    return parsed


@pytest.mark.parametrize("header", [
    "Handläggare: Anna Berg\nTelefon: 08-508 319 12",
    "Handläggare\nAnna Berg\nTelefon\n08-508 319 12",
    "Handläggare: Anna Berg  Telefon: 08-508 319 12",
    "Handläggare: Anna Berg Telefon: 08-508 319 12",
    "Handläggare: Anna Berg, telefon 08-508 319 12",
    "Handläggare\nAnna Berg\n08-508 319 12",
])
def test_label_inline_or_on_its_own_line(header):
    parsed = parse(f"{header}\n\nTill\nKulturnämnden\n\n{TITLE}")
    assert parsed.handlaggare == [{"name": "Anna Berg", "telefon": "08-508 319 12"}]
    assert parsed.till == "Kulturnämnden"
    assert parsed.title.startswith("Program för kvalitetsutveckling (KS 2021/866)")


@pytest.mark.parametrize("phone", ["08-508 319 12", "08-50801352", "+46 8 508 319 12"])
def test_phone_numbers_as_written(phone):
    parsed = parse(f"Handläggare: Anna Berg\nTelefon: {phone}\n\n{TITLE}")
    assert parsed.handlaggare[0]["telefon"] == phone


def test_three_handlaggare_each_with_a_telefon():
    parsed = parse("Handläggare\nAnna Berg\nTelefon 08-508 319 12\nJonas Holm\n"
                   "Telefon 08-508 283 10\nKlas Robinson\nTelefon 08-508 013 52\n\n" + TITLE)
    assert [(p["name"], p["telefon"]) for p in parsed.handlaggare] == [
        ("Anna Berg", "08-508 319 12"), ("Jonas Holm", "08-508 283 10"),
        ("Klas Robinson", "08-508 013 52")]
    assert parsed.title.startswith("Program")


@pytest.mark.parametrize("header, date", [
    ("Till\nKulturnämnden\n2021-10-19", "2021-10-19"),
    ("Till\nKulturnämnden\nden 19 oktober 2021", "2021-10-19"),
    ("Datum: 2021-09-20\n\nTill\nKulturnämnden", "2021-09-20"),
    ("Datum\n20 september 2021\n\nTill\nKulturnämnden", "2021-09-20"),
])
def test_date_under_till_or_in_its_field(header, date):
    parsed = parse(f"{header}\n\n{TITLE}")
    assert parsed.date.isoformat() == date
    assert parsed.till == "Kulturnämnden"


def test_date_only_in_the_running_footer():
    text = (f"Kulturförvaltningen\n\n{TITLE}{BODY}\nKulturförvaltningen  Box 16113, 103 23 "
            f"Stockholm  2021-09-20\nSida 1 (2)\n\fMer text.\n\nKulturförvaltningen  Box "
            f"16113, 103 23 Stockholm  2021-09-20\nSida 2 (2)\n")
    parsed = parse_text(text)
    assert parsed.date.isoformat() == "2021-09-20"
    assert "Box" not in parsed.sections[-1].text


@pytest.mark.parametrize("header, own, ks", [
    ("Dnr 1.5.1-123/2016", "1.5.1-123/2016", "KS 2021/866"),
    ("Dnr: RK-2011/0456", "RK-2011/0456", "KS 2021/866"),
    ("Diarienummer\nKUL 2021/12", "KUL 2021/12", "KS 2021/866"),
])
def test_own_dnr_in_its_field_ks_dnr_in_the_title(header, own, ks):
    parsed = parse(f"{header}\n\n{TITLE}")
    assert (parsed.own_dnr, parsed.dnr) == (own, ks)


def test_ks_dnr_written_the_older_way_in_the_title():
    parsed = parse("Förslag till program för kvalitetsutveckling (KS-dnr 009-1322/2011)\n"
                   "Svar på remiss från kommunstyrelsen")
    assert parsed.dnr == "KS-dnr 009-1322/2011" and parsed.own_dnr is None


@pytest.mark.parametrize("order", ["title first", "till first"])
def test_title_before_or_after_the_till_block(order):
    till = "Till\nKulturnämnden"
    parsed = parse(f"{TITLE}\n\n{till}" if order == "title first" else f"{till}\n\n{TITLE}")
    assert parsed.till == "Kulturnämnden"
    assert parsed.title == ("Program för kvalitetsutveckling (KS 2021/866). Svar på remiss "
                            "från kommunstyrelsen")
    assert [s.heading for s in parsed.sections][0] == "Förvaltningens förslag till beslut"


def test_a_name_is_never_the_title():
    """The issue's document: a handläggare's name on a line of its own above the title."""
    parsed = parse("Kulturförvaltningen\nHandläggare: Maria Lindqvist\nJonas Holm\n\n"
                   "Remiss om program för kvalitetsutveckling")
    assert parsed.title == "Remiss om program för kvalitetsutveckling"
    assert [p["name"] for p in parsed.handlaggare] == ["Maria Lindqvist", "Jonas Holm"]
    assert title_score("Maria Lindqvist") < 0 and title_score("Jonas Holm", explicit=True) < 0


def test_unrecognised_header_line_is_kept_and_reported():
    parsed = parse(f"Kulturförvaltningen\nKopia: registrator\n\n{TITLE}")
    assert "Kopia: registrator" in parsed.header_extra
    assert any("Kopia: registrator" in w for w in parsed.warnings)
    assert parsed.confidence["title"] == 1.0
