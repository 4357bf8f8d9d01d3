"""Every model a person edits keeps its history (django-simple-history)."""

import pytest
from django.apps import apps
from simple_history.models import HistoricalChanges

# Models only the system writes (logs, jobs, read markers) are deliberately without history.
NOT_EDITED_BY_PEOPLE = {"responses.TransitionRecord", "responses.ExportJob",
                        "programs.InboxSeen"}
PROJECT_APPS = ("organisations", "programs", "responses")


def project_models():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, HistoricalChanges) or model._meta.auto_created:
                continue
            yield model


@pytest.mark.parametrize("model", list(project_models()), ids=lambda m: m._meta.label)
def test_every_edited_model_has_history(model):
    if model._meta.label in NOT_EDITED_BY_PEOPLE:
        pytest.skip("system log, not edited by people")
    assert hasattr(model, "history"), f"{model._meta.label} has no history"


def test_remiss_change_is_recorded_with_user(remiss, users):
    remiss._history_user = users["slk"]
    remiss.title = "Nytt namn"
    remiss.save()
    latest = remiss.history.first()
    assert latest.title == "Nytt namn"
    assert latest.history_user == users["slk"]
    assert remiss.history.count() == 2
