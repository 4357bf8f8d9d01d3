"""The settings module: SQLite and embedded broker by default, URLs switch to servers."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _settings_in_subprocess(env_overrides: dict, expr: str) -> str:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY"}}
    env.update(env_overrides)
    code = f"import remiss.settings as s; print({expr})"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)
    return out.stdout.strip()


def test_default_is_sqlite_and_filesystem_broker():
    out = _settings_in_subprocess({"DEBUG": "1"},
                                  "s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL")
    assert out == "django.db.backends.sqlite3 filesystem://"


def test_database_url_switches_to_postgresql():
    out = _settings_in_subprocess(
        {"DEBUG": "1", "DATABASE_URL": "postgres://u@db.example:5432/remiss",
         "CELERY_BROKER_URL": "redis://redis:6379/0"},
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], s.CELERY_BROKER_URL",
    )
    assert out == "django.db.backends.postgresql db.example redis://redis:6379/0"


def test_refuses_to_start_without_secret_key_in_production():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["DEBUG"] = "0"
    result = subprocess.run([sys.executable, "-c", "import remiss.settings"], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_suite_runs_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_swedish_and_stockholm():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ is True


def test_filesystem_broker_keeps_every_folder_under_var(tmp_path):
    """Queue, processed and control (the exchange table) folders: nothing in the checkout."""
    out = _settings_in_subprocess(
        {"DEBUG": "1", "REMISS_VAR_DIR": str(tmp_path)},
        "*sorted(k for k, v in s.CELERY_BROKER_TRANSPORT_OPTIONS.items() "
        f"if 'folder' in k and v.startswith({str(tmp_path)!r}))")
    assert out.split() == ["control_folder", "data_folder_in", "data_folder_out",
                           "processed_folder"]
