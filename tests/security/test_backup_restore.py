"""The documented backup and restore (docs/security.md): pg_dump + a copy of MEDIA_ROOT,
restored into a fresh database, gives the same documents with the same SHA-256 sums."""

import hashlib
import shutil
import subprocess

import psycopg
import pytest
from django.db import connection

from responses.models import State

from .conftest import make_answer

QUERY = ("SELECT id, title, state, archived_pdf, archived_sha256 FROM responses_utlatande "
         "ORDER BY id")


def _conninfo(dbname: str) -> str:
    params = connection.get_connection_params()
    return psycopg.conninfo.make_conninfo(
        **{k: v for k, v in params.items() if k in ("host", "port", "user", "password")},
        dbname=dbname)


@pytest.mark.django_db(transaction=True)
def test_restore_into_a_fresh_database_finds_the_same_documents(users, remiss, media,
                                                                tmp_path):
    recipient = remiss.recipients.get(organisation__short="kun")
    answer = make_answer(recipient, users["handlaggare_a"], "Arkiverat svar",
                         state=State.BESVARAD, bilaga="Bilaga 1")
    with connection.cursor() as cursor:
        cursor.execute(QUERY)
        original = cursor.fetchall()
    assert original and original[0][4] == answer.archived_sha256

    dump = tmp_path / "remiss.dump"
    source = connection.settings_dict["NAME"]
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}",
                    _conninfo(source)], check=True)
    media_copy = tmp_path / "media-backup"
    shutil.copytree(media, media_copy)

    restored_db = f"{source}_restore"
    with psycopg.connect(_conninfo("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored_db}"')
        admin.execute(f'CREATE DATABASE "{restored_db}"')
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={_conninfo(restored_db)}",
                        str(dump)], check=True)
        with psycopg.connect(_conninfo(restored_db)) as restored:
            rows = restored.execute(QUERY).fetchall()
            bilagor = restored.execute("SELECT file FROM responses_bilaga").fetchall()
    finally:
        with psycopg.connect(_conninfo("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_db}"')

    assert rows == original
    archived = [row for row in rows if row[4]]
    assert archived
    for _id, _title, _state, path, sha256 in archived:
        assert hashlib.sha256((media_copy / path).read_bytes()).hexdigest() == sha256
    for (path,) in bilagor:
        assert (media_copy / path).read_bytes() == (media / path).read_bytes()
