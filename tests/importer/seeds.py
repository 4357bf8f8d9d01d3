"""The four seed answers and what the importer must find in each (checked by hand)."""

import re
from collections import Counter
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parents[2] / "responses" / "demo" / "seeds"

SEEDS = {
    "2016-stadsarkivet.txt": {
        "title": None, "dnr": None, "till": None, "handlaggare": [],
        "decision_points": [], "signatories": [], "bilagor": [],
        "headings": ["Sammanfattning", "Ärendet", "Ärendets beredning",
                     "Stadsarkivets synpunkter och förslag"],
        "lists": {},
    },
    "2016-kulturforvaltningen.txt": {
        "title": None, "dnr": "174-742/2016", "till": None, "handlaggare": [],
        "decision_points": [], "signatories": [],
        "bilagor": ["Program för kvalitetsutveckling",
                    "Revidering av Program för kvalitetsutveckling"],
        "headings": ["Sammanfattning", "Underlag för beslut", "UTLÅTANDE", "Remissen",
                     "Ärendets beredning", "Bakgrund och syfte",
                     "Kulturförvaltningens synpunkter", "Bilagor"],
        # heading → list items of its first bullet list
        "lists": {"Sammanfattning": ["Analysmetoder", "Ledarskap för delaktighet och lärande",
                                     "Former för dialog med stockholmarna",
                                     "Systematisk omvärldsbevakning"],
                  "Bakgrund och syfte": ["Målformulering", "Analysmetoder",
                                         "Ledarskap för delaktighet och lärande",
                                         "Dialog om mål och resultat",
                                         "Former för dialog med stockholmarna",
                                         "Tillvarata medarbetaras kunnande",
                                         "Systematisk omvärldsbevakning"],
                  "Kulturförvaltningens synpunkter": ["Att leda mot effekt",
                                                      "Att leda mot mångfald"]},
        "subheadings": {"Kulturförvaltningens synpunkter": [
            "Inledning", "Stadens kvalitetsarbete reflektioner och erfarenheter.",
            "Kommentarer till programmet", "Integrerad ledning och styrning", "Synpunkter:",
            "Kommungemensamma krav", "Gemensamma begrepp",
            "Hantering av synpunkter och klagomål", "Dialog för resultat och delaktighet",
            "Internkontroll samt risk- och sårbarhetsanalys", "Synpunkter:",
            "Goda exempel och Goda exempelmässan", "Synpunkter:",
            "Stadens kvalitetsutmärkelse"]},
    },
    "2011-rinkeby-kista.txt": {
        "title": "Stadsledningskontorets förslag till program för kvalitetsutveckling. Remiss "
                 "från kommunstyrelsen (KS-dnr-009-1322/2011).",
        "dnr": "KS-dnr 009-1322/2011", "till": "Rinkeby-Kista Stadsdelsnämnd",
        "handlaggare": [{"name": "Klas Robinson", "telefon": "08-508 01352"}],
        "decision_points": ["Tjänsteutlåtandet utgör svar på remissen", "Omedelbar justering"],
        "signatories": [{"name": "Olle Johnselius", "title": "Stadsdelsdirektör"},
                        {"name": "Verner Stadthagen", "title": "Administrativchef"}],
        "bilagor": ["Stadsledningskontorets tjänsteutlåtande 2011-06-14."],
        "headings": ["Förslag till beslut", "Sammanfattning", "Bilaga", "Remissbehandling",
                     "Stadsledningskontorets förslag till program för kvalitetsutveckling",
                     "Förvaltningens synpunkter"],
        "lists": {"Stadsledningskontorets förslag till program för kvalitetsutveckling": [
            "Att stockholmarnas synpunkter värdesätts, tillvaratas och utgör en viktig grund "
            "för kvalitetsutveckling",
            "Att ledningen på alla nivåer har ett tydligt och ansvarstagande ledarskap och "
            "prioriterar det systematiska kvalitetsarbetet där resultat för stockholmarna står "
            "i centrum",
            "Att alla medarbetare har ansvar för kvalitetsarbetet och kvalitetsutvecklingen "
            "inom sitt ansvarsområde",
            "Att alla nämnder och styrelser systematiskt sprider och använder sig av goda "
            "exempel i syfte att utveckla verksamheten"]},
    },
    "2011-utbildningsforvaltningen.txt": {
        "title": None, "dnr": None, "till": None, "handlaggare": [],
        "decision_points": ["Förvaltningens tjänsteutlåtande överlämnas som svar på remissen "
                            "från kommunstyrelsen.", "Beslutet justeras omedelbart."],
        "signatories": [{"name": "Thomas Persson", "title": "Utbildningsdirektör"},
                        {"name": "Johanna Engman",
                         "title": "Chef Tillhandahållaravdelningen, Bitr utbildningsdirektör"}],
        "bilagor": ["Program för kvalitetsutveckling i Stockholms stad"],
        "headings": ["Förslag till beslut", "Sammanfattning", "Bakgrund", "Ärendets beredning",
                     "Förvaltningens synpunkter", "Förvaltningens förslag", "Bilaga"],
        "lists": {"Bakgrund": [
            "Att stockholmarnas synpunkter värdesätts, tillvaratas och utgör en viktig grund "
            "för kvalitetsutveckling",
            "Att ledningen på alla nivåer har ett tydligt och ansvarstagande ledarskap och "
            "prioriterar det systematiska kvalitetsarbetet där resultat för stockholmarna står "
            "i centrum",
            "Att alla medarbetare har ansvar för kvalitetsarbetet och kvalitetsutvecklingen "
            "inom sitt ansvarsområde",
            "Att alla nämnder och styrelser systematiskt sprider och använder sig av goda "
            "exempel i syfte att utveckla verksamheten”"]},
        "subheadings": {"Bakgrund": ["Tidigare beslut",
                                     "Förslag Program för kvalitetsutveckling"]},
    },
}

LIST_NUMBER = re.compile(r"^[ \t]*\d{1,2}[.)][ \t]+(?=\S)", re.MULTILINE)


def words(text: str) -> Counter:
    """The multiset of words of a source, ignoring layout: whitespace, punctuation, bullets
    and the numbers of list items."""
    return Counter(re.findall(r"\w+", LIST_NUMBER.sub("", text)))


def kept_words(parsed) -> Counter:
    """The multiset of words the parser kept (ParsedUtlatande.as_text has no list markers)."""
    return Counter(re.findall(r"\w+", parsed.as_text()))


def seed_text(name: str) -> str:
    return (SEED_DIR / name).read_text(encoding="utf-8")


def assert_same_structure(parsed, expected: dict) -> None:
    data = parsed.to_json()
    for key in ("dnr", "till", "handlaggare", "decision_points", "signatories", "bilagor"):
        assert data[key] == expected[key], key
    assert [s["heading"] for s in data["sections"]] == expected["headings"]
    by_heading = {s.heading: s for s in parsed.sections}
    for heading, items in expected["lists"].items():
        lists = [v for k, v in by_heading[heading].parts if k == "ul"]
        assert lists and lists[0] == items, heading
        assert "<ul><li>" in by_heading[heading].html
    for heading, subs in expected.get("subheadings", {}).items():
        assert [v for k, v in by_heading[heading].parts if k == "h3"] == subs
