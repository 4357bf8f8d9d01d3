"""The sekreterare's messages count in Swedish: "1 ärende är registrerat", "(1 paragraf)"."""

import datetime

import pytest
from django.urls import reverse

from responses.models import State

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db
MEETING = datetime.date(2026, 9, 22)


@pytest.fixture
def one_answer(frozen, kultur_meetings, make_remiss, make_answer, time_machine):
    recipient = make_remiss(datetime.date(2026, 9, 30), title="Idrottsprogram").recipients.get()
    answer = make_answer(recipient, state=State.KLAR_FOR_NAMND,
                         title="Idrottsprogram. Svar på remiss från kommunstyrelsen")
    time_machine.move_to(datetime.datetime(2026, 9, 23, 9, 0), tick=False)
    return answer


def test_one_item_and_one_paragraph_are_singular(client, users, kultur_meetings, one_answer):
    client.login(username=users["sekreterare"].username, password=PASSWORD)
    url = reverse("meetings:meeting", args=[kultur_meetings[MEETING].pk])
    response = client.post(url, {
        "record": "1", "justerare": "", f"u{one_answer.pk}-outcome": "enligt_forslag",
        f"u{one_answer.pk}-paragraph": "7", f"u{one_answer.pk}-decision_text": ""},
        follow=True)
    body = response.content.decode()
    assert "1 ärende är registrerat." in body and "1 ärenden" not in body
    response = client.post(url, {"justera": "1", "justerad_date": "2026-09-23",
                                 "justerare": "Ulla Ordförande"}, follow=True)
    body = response.content.decode()
    assert "Protokollet är justerat (1 paragraf)." in body
