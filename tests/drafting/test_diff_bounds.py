"""Comparing very long versions is bounded: paragraphs first, words only inside changed
paragraphs, and at most MAX_DIFF_CHARS of a text. Versions stored before the size limits
(1 MB, 5 MB) still compare, and the diff still says exactly what changed."""

from django.urls import reverse

from responses.diff import MAX_DIFF_CHARS, TRUNCATED, word_diff
from responses.models import Utlatande
from tests.conftest import PASSWORD


def _sides(diff):
    old = "".join(text for op, text in diff if op != "insert")
    new = "".join(text for op, text in diff if op != "delete")
    return old, new


def test_a_diff_rebuilds_both_texts_and_marks_words_inside_a_changed_paragraph():
    old = "Första stycket.\nNämnden ställer sig bakom förslaget.\nTredje stycket.\n"
    new = "Första stycket.\nNämnden ställer sig inte bakom förslaget.\nTredje stycket.\n"
    diff = word_diff(old, new)
    assert _sides(diff) == (old, new)
    assert ("insert", "inte ") in diff
    assert diff[0] == ("equal", "Första stycket.\nNämnden ställer sig ")


def test_hostile_long_texts_are_cut_and_still_compare():
    one_mb = "a a a a a\n" * 100_000
    five_mb = "a b a b a\n" * 500_000
    diff = word_diff(one_mb, five_mb)
    old, new = _sides(diff)
    assert old == one_mb[:MAX_DIFF_CHARS] + TRUNCATED
    assert new == five_mb[:MAX_DIFF_CHARS] + TRUNCATED


def test_one_huge_paragraph_each_side_is_shown_whole_not_word_by_word():
    old, new = "ord " * 40_000, "ord " * 39_999 + "annat "
    diff = word_diff(old, new)
    assert _sides(diff) == (old, new)
    assert [op for op, _text in diff] == ["delete", "insert"]


def test_compare_view_with_versions_stored_before_the_limits(client, users, draft):
    assert client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    key = draft.sections[0]["key"]
    for size in (1_000_000, 5_000_000):
        sections = [{**s, "html": "<p>" + "Text. " * (size // 6) + "</p>"}
                    if s["key"] == key else s for s in draft.sections]
        # As written before the size limits existed: straight into the row and history.
        Utlatande.objects.filter(pk=draft.pk).update(sections=sections)
        record = draft.history.first()
        draft.history.filter(pk=record.pk).update(sections=sections)
        draft.refresh_from_db()
        draft._history_user = users["handlaggare_a"]
        draft.save()
    records = list(draft.history.order_by("history_date").values_list("history_id", flat=True))
    response = client.get(reverse("responses:compare", args=[draft.pk]),
                          {"a": records[-2], "b": records[-1]})
    assert response.status_code == 200
