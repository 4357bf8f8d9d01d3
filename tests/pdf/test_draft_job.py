"""A draft's PDF is rendered by a Celery task with a time limit: a normal document
downloads at once, a slow one shows the progress page; the request itself never renders."""

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse

from responses.models import ExportJob, State
from responses.pdf import drafts, tasks

from .conftest import pdf_text


@pytest.fixture
def as_a(client, users):
    client.force_login(users["handlaggare_a"])
    return client


def test_a_normal_draft_downloads_at_once_and_the_render_is_reused(make_utlatande, as_a):
    draft = make_utlatande(state=State.UTKAST)
    url = reverse("responses:pdf", args=[draft.pk])
    first = as_a.get(url)
    assert first.status_code == 200 and "UTKAST" in pdf_text(first.content)
    assert as_a.get(url).content == first.content
    assert ExportJob.objects.filter(kind=drafts.KIND_DRAFT).count() == 1


def test_a_slow_render_shows_progress_and_the_request_does_not_render(
        make_utlatande, as_a, users, client, monkeypatch):
    draft = make_utlatande(state=State.UTKAST)
    queued = []
    monkeypatch.setattr(tasks.render_draft, "delay", queued.append)
    monkeypatch.setattr(drafts, "WAIT_SECONDS", 0)
    monkeypatch.setattr("responses.pdf.views.wait_for",
                        lambda job: drafts.wait_for(job, seconds=0))
    response = as_a.get(reverse("responses:pdf", args=[draft.pk]))
    job = ExportJob.objects.get(kind=drafts.KIND_DRAFT)
    assert queued == [job.pk]
    assert response.status_code == 302
    assert response["Location"] == reverse("responses:export_detail", args=[job.pk])
    page = as_a.get(response["Location"]).content.decode()
    assert "PDF av utkastet skapas" in page

    tasks.render_draft(job.pk)  # the worker
    status = as_a.get(reverse("responses:export_status", args=[job.pk])).json()
    assert status["done"] and status["download_url"]
    download = as_a.get(status["download_url"])
    assert download.status_code == 200 and "UTKAST" in pdf_text(download.content)
    # Somebody else's render is not theirs to see.
    client.force_login(users["handlaggare_b"])
    assert client.get(reverse("responses:export_detail", args=[job.pk])).status_code == 404


def test_the_task_has_a_time_limit_and_reports_it_in_swedish(make_utlatande, users,
                                                             monkeypatch):
    assert tasks.render_draft.soft_time_limit == drafts.SOFT_TIME_LIMIT
    assert tasks.render_draft.time_limit == drafts.HARD_TIME_LIMIT
    draft = make_utlatande(state=State.UTKAST)
    job, _created = drafts.draft_pdf_job(utlatande=draft, user=users["handlaggare_a"])

    def too_slow(job):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(drafts, "run_draft_job", too_slow)
    tasks.render_draft(job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and "för lång tid" in job.error
    # A failed render is not reused: the next request starts a new one.
    again, created = drafts.draft_pdf_job(utlatande=draft, user=users["handlaggare_a"])
    assert created and again.pk != job.pk
