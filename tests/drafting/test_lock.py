"""A justerad or besvarad document is locked by the database, not only by the code."""

import pytest
from django.db import IntegrityError, transaction

from responses import workflow
from responses.models import DocumentLocked, State, Utlatande

from .test_workflow import move_to


@pytest.fixture
def justerad(draft, users):
    move_to(draft, State.JUSTERAD, users)
    return draft


def test_model_save_of_a_locked_document_is_refused(justerad):
    justerad.title = "Ändrad rubrik"
    with pytest.raises(DocumentLocked):
        justerad.save()
    assert Utlatande.objects.get(pk=justerad.pk).title != "Ändrad rubrik"


def test_database_refuses_a_raw_update_of_a_locked_document(justerad):
    with pytest.raises(IntegrityError), transaction.atomic():
        Utlatande.objects.filter(pk=justerad.pk).update(sections=[])
    assert Utlatande.objects.get(pk=justerad.pk).sections == justerad.sections


def test_database_refuses_moving_a_locked_document_back(justerad):
    with pytest.raises(IntegrityError), transaction.atomic():
        Utlatande.objects.filter(pk=justerad.pk).update(state=State.UTKAST)


def test_database_refuses_deleting_a_locked_document(justerad):
    with pytest.raises(IntegrityError), transaction.atomic():
        Utlatande.objects.filter(pk=justerad.pk).delete()
    with pytest.raises(DocumentLocked):
        justerad.delete()
    assert Utlatande.objects.filter(pk=justerad.pk).exists()


def test_a_locked_document_can_still_be_archived_and_answered(justerad, users):
    Utlatande.objects.filter(pk=justerad.pk).update(archived_sha256="a" * 64)
    justerad.archived_sha256 = "b" * 64
    justerad.save(update_fields=["archived_sha256"])
    workflow.apply(justerad, "besvara", users["sekreterare"])
    assert justerad.state == State.BESVARAD


def test_a_draft_is_not_locked(draft):
    Utlatande.objects.filter(pk=draft.pk).update(title="Ny rubrik")
    draft.refresh_from_db()
    draft.title = "Ännu en"
    draft.save()
    assert Utlatande.objects.get(pk=draft.pk).title == "Ännu en"


def test_bilagor_of_a_locked_document_cannot_change(draft, users):
    bilaga = draft.bilagor.create(order=1, title="Remissen")
    move_to(draft, State.JUSTERAD, users)
    bilaga.title = "Ändrad"
    with pytest.raises(DocumentLocked):
        bilaga.save()
    with pytest.raises(DocumentLocked):
        bilaga.delete()
    with pytest.raises(DocumentLocked):
        draft.bilagor.create(order=2, title="Ny")
    assert list(draft.bilagor.values_list("title", flat=True)) == ["Remissen"]


def test_the_importer_may_add_bilagor_to_an_imported_answer(draft):
    Utlatande.objects.filter(pk=draft.pk).update(state=State.BESVARAD, imported=True)
    draft.bilagor.create(order=1, title="Importerad bilaga")
    assert draft.bilagor.count() == 1


def test_the_lock_is_reinstalled_after_migrate(justerad):
    from django.db import connection

    from responses.lock_sql import reinstall_after_migrate

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER responses_utlatande_lock ON responses_utlatande")
    reinstall_after_migrate(sender=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Utlatande.objects.filter(pk=justerad.pk).update(title="Ändrad")
