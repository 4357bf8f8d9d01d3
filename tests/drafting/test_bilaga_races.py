"""Bilagor under racing requests on PostgreSQL: 20 parallel uploads get 20 different
numbers; parallel moves and removals never answer 500 and leave the numbers 1..n."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from responses.models import Bilaga

from .test_bilagor import PNG

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _race(user, requests: list[tuple[str, dict]]) -> list[int]:
    """POST every (url, data) from its own thread and connection, all at once."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []

    def post(url, data):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            barrier.wait(timeout=30)
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=r) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(statuses) == len(requests)
    return statuses


def _numbers(draft) -> list[int]:
    return list(Bilaga.objects.filter(utlatande=draft).order_by("order")
                .values_list("order", flat=True))


def test_parallel_uploads_get_unique_numbers(draft, users):
    url = reverse("responses:bilaga_upload", args=[draft.pk])
    statuses = _race(users["handlaggare_a"], [
        (url, {"bilaga-title": f"Bilaga {i}",
               "bilaga-file": SimpleUploadedFile(f"b{i}.png", PNG)}) for i in range(20)])
    assert statuses == [302] * 20
    assert _numbers(draft) == list(range(1, 21))


def test_parallel_moves_and_removals_never_fail(draft, users):
    for i in range(10):
        Bilaga.objects.create(utlatande=draft, order=i + 1, title=f"B{i}",
                              file="bilagor/b.png", size=1)
    pks = list(Bilaga.objects.filter(utlatande=draft).values_list("pk", flat=True))
    requests = []
    for i in range(10):
        # Ten removals of the same two rows and ten moves of rows that may vanish meanwhile.
        requests.append((reverse("responses:bilaga_remove", args=[draft.pk, pks[i % 2]]), {}))
        requests.append((reverse("responses:bilaga_move", args=[draft.pk, pks[i % 3]]),
                         {"direction": "up" if i % 2 else "down"}))
    statuses = _race(users["handlaggare_a"], requests)
    assert statuses == [302] * 20
    assert _numbers(draft) == list(range(1, 9))
    assert not Bilaga.objects.filter(pk__in=pks[:2]).exists()


def test_removing_a_removed_bilaga_says_so(client, draft, users):
    bilaga = Bilaga.objects.create(utlatande=draft, order=1, title="B", file="bilagor/b.png")
    client.force_login(users["handlaggare_a"])
    url = reverse("responses:bilaga_remove", args=[draft.pk, bilaga.pk])
    assert client.post(url).status_code == 302
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Bilagan är redan borttagen." in response.content.decode()
