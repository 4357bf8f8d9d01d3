"""The PDF's text layer: what a viewer's search, the archive and the diarium read.

Every word of every demo document's sections and decision points must come out of
pdfminer's plain extraction whole (no "kommun‐\nstyrelsen" from hyphenation) and in
order, list markers ("•", "1.") before their item, and the PDF must stay tagged.
"""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pdfminer.high_level import extract_text
from pypdf import PdfReader

from responses.models import Utlatande
from responses.pdf.render import render_pdf

WORD = re.compile(r"\w+|•")
pytestmark = pytest.mark.django_db  # also tells pytest-django to create the test database


class _Expected(HTMLParser):
    """The words of section HTML in reading order, with each list item's marker."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self.lists = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            kind, number = self.lists[-1]
            self.words.append("•" if kind == "ul" else str(number))

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data):
        self.words.extend(WORD.findall(data))


def expected_words(utlatande: Utlatande) -> list[str]:
    parser = _Expected()
    points = "".join(f"<li>{p}</li>" for p in utlatande.decision_points)
    parser.feed(f"<ol>{points}</ol>" if points else "")
    for section in utlatande.sections:
        parser.feed(f"<h2>{section.get('heading', '')}</h2>{section.get('html', '')}")
    return parser.words


def missing_in_order(expected: list[str], extracted: list[str]) -> list[str]:
    """The expected words not found, each looked for after the one found before it."""
    missing, at = [], 0
    for word in expected:
        try:
            at = extracted.index(word, at) + 1
        except ValueError:
            missing.append(word)
    return missing


@pytest.fixture(scope="module")
def demo_documents(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=io.StringIO())
        yield [(u.pk, u.title, expected_words(u), render_pdf(u))
               for u in Utlatande.objects.order_by("pk")]
        transaction.set_rollback(True)


def test_every_demo_pdf_has_every_word_whole_and_in_order(demo_documents):
    assert len(demo_documents) >= 30
    failures = {}
    for pk, title, expected, pdf in demo_documents:
        text = extract_text(io.BytesIO(pdf))
        assert "\u2010" not in text and "\u00ad" not in text, title  # hyphenation marks
        missing = missing_in_order(expected, WORD.findall(text))
        if missing:
            failures[pk] = missing[:10]
    assert not failures


def test_the_pdfs_stay_tagged_with_labelled_list_items(demo_documents):
    pk, title, expected, pdf = max(demo_documents, key=lambda d: d[2].count("•"))
    assert "•" in expected
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] in (True, "true")
    kinds = set()

    def walk(node, depth=0):
        node = node.get_object()
        if "/S" in node:
            kinds.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is None or depth > 40:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get"):
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert {"/L", "/LI", "/Lbl", "/LBody", "/H2", "/P"} <= kinds


def test_the_check_finds_a_hyphenated_word_and_a_marker_out_of_order():
    expected = ["kommunstyrelsen", "•", "Analysmetoder"]
    assert missing_in_order(expected, WORD.findall("kommun‐\nstyrelsen Analysmetoder •")
                            ) == ["kommunstyrelsen", "Analysmetoder"]
