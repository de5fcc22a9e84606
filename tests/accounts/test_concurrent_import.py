"""Other people's writes all succeed while an import runs in a real worker process, on the
database of the run: an SQLite file (a copy of the test database; an in-memory database
cannot be shared with another process) or PostgreSQL."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


def database_url(tmp_path):
    """A URL for the scenario's process: the test database itself on PostgreSQL (its rows are
    flushed after the test), a file copy of the migrated test database on SQLite."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user, host, port = settings["USER"], settings["HOST"], settings["PORT"]
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"
    copy = tmp_path / "concurrent.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}"


def test_other_peoples_drinks_are_stored_while_an_import_runs(tmp_path):
    env = {**os.environ, "DATABASE_URL": database_url(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    finished = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-m", "tests.accounts.concurrent_import", "--days", "200"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert result["worker_exit"] == 0
    assert result["status"] == "done", result["message"]
    assert result["done_rows"] == result["total_rows"] > 1000
    assert result["entries_imported"] == result["entries_exported"]
    assert result["posts_during_import"] >= 5  # the writes really overlapped the import
    assert result["refused"] == []  # no "database is locked", no error page
    assert result["drinks_stored"] == result["posts"]
