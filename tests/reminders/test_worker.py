"""The worker: the minute's search runs once a minute however many workers or chains there
are; three worker processes racing on PostgreSQL send each reminder once; and a worker keeps
going through a PostgreSQL restart with no reminder lost or sent twice."""

import contextlib
import datetime as dt
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django_tasks_db.models import DBTaskResult

from recovery.management.commands.vapid_keys import new_pair
from recovery.models import Injury, Reminder, ReminderTick
from recovery.reminders import tasks
from recovery.reminders.tasks import find_due_reminders, keep_ticking
from tests.accounts.test_concurrent_import import database_url
from tests.reminders.fake_push import PushService
from tests.tasks import run_queued_tasks

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 12, 3, 9, 0, 20, tzinfo=dt.UTC)
MINUTE = NOW.replace(second=0)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs concurrent connections: runs in the PostgreSQL pass of CI.",
)


def waiting_searches():
    path = find_due_reminders.module_path
    return list(DBTaskResult.objects.filter(task_path=path, status="READY"))


@pytest.mark.django_db
def test_the_minutes_search_runs_once_however_many_chains_and_queues_the_next(owner):
    Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(days=1))
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):  # three chains (three workers started at once)
            find_due_reminders.enqueue(MINUTE.isoformat())
        run_queued_tasks()
        assert list(ReminderTick.objects.values_list("minute", flat=True)) == [MINUTE]
        assert Reminder.objects.get().kind == "check_in"
        (following,) = waiting_searches()  # one chain goes on
        assert following.run_after == MINUTE + dt.timedelta(minutes=1)
        keep_ticking()  # a worker starting: a chain is queued already
        assert len(waiting_searches()) == 1
    with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
        run_queued_tasks()
        assert ReminderTick.objects.count() == 2
        assert Reminder.objects.count() == 1  # found before: not again


@pytest.mark.django_db
def test_a_search_run_late_queues_the_coming_minute_not_the_missed_ones():
    with time_machine.travel(NOW + dt.timedelta(hours=3), tick=False):
        find_due_reminders.enqueue(MINUTE.isoformat())  # queued before an outage
        run_queued_tasks()
        (following,) = waiting_searches()
        assert following.run_after == MINUTE + dt.timedelta(hours=3, minutes=1)


def worker_env(url, service, **extra):
    public, private = new_pair()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "WEBPUSH_VAPID_PUBLIC_KEY": public,
        "WEBPUSH_VAPID_PRIVATE_KEY": private,
        "WEBPUSH_HTTP_HOSTS": "127.0.0.1",
        **extra,
    }
    return env


def manage(env, *args, **kwargs):
    return subprocess.Popen(  # noqa: S603 - our own commands
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, **kwargs
    )


def scenario(env, *args):
    finished = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-m", "tests.reminders.worker_scenario", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished.stdout


def each_sent_once(service, count):
    paths = sorted(one.path for one in service.received)
    assert paths == sorted(f"/u{number}" for number in range(count))


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_three_worker_processes_send_each_reminder_once(tmp_path):
    service = PushService().start()
    try:
        env = worker_env(database_url(tmp_path), service)
        scenario(env, "setup", "30", service.url)
        minute = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
        for back in (1, 2):  # three searches, for three minutes: all run at once
            find_due_reminders.enqueue((minute - dt.timedelta(minutes=back)).isoformat())
        workers = [
            manage(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay",
                   "--interval", "0", "--worker-id", f"w{number}", "--verbosity", "0")
            for number in range(3)
        ]  # fmt: skip
        assert [worker.wait(timeout=120) for worker in workers] == [0, 0, 0]
        each_sent_once(service, 30)
        statuses = json.loads(scenario(env, "report"))
        assert len(statuses) == 30
        assert set(statuses.values()) == {"sent"}
    finally:
        service.stop()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """A PostgreSQL server of the test's own, so that stopping it stops no one else's tests."""

    def __init__(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        assert found, "PostgreSQL's server programs are not installed"
        self.bin = Path(found[-1]).parent
        self.root = Path(tempfile.mkdtemp(prefix="reminders-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        as_root = os.geteuid() == 0
        self.prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
        if as_root:
            shutil.chown(self.root, "postgres")

    def run(self, program, *args):
        subprocess.run(  # noqa: S603 - PostgreSQL's own programs
            [*self.prefix, str(self.bin / program), *args],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    def create(self):
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.root / "server.log")  # the server's output, not this process's pipes
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped already
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def statuses_on(url):
    """Each reminder's status on the test's own server, read straight from its tables."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as database:
            return database.execute("SELECT status FROM recovery_reminder").fetchall()
    except psycopg.OperationalError:
        return None  # the server is restarting


def wait_until_sent(url, worker, count, deadline):
    while True:
        assert worker.poll() is None, "the worker exited"
        statuses = statuses_on(url)
        if statuses is not None and len(statuses) == count and set(statuses) == {("sent",)}:
            return
        assert time.monotonic() < deadline, statuses
        time.sleep(0.2)


@postgres_only
def test_the_worker_keeps_going_through_a_postgresql_restart_losing_and_doubling_nothing():
    server = PostgresServer()
    service = PushService(delay=0.2).start()  # sending takes a while: the restart meets it
    worker = None
    try:
        server.create()
        env = worker_env(server.url, service)
        assert manage(env, "migrate", "--verbosity", "0").wait(timeout=120) == 0
        scenario(env, "setup", "12", service.url)
        worker = manage(
            env, "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2",
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while len(service.received) < 4:
            assert time.monotonic() < deadline, "the worker sent nothing"
            time.sleep(0.05)
        server.stop()  # mid-way through the sending
        time.sleep(2)
        server.start()
        wait_until_sent(server.url, worker, 12, deadline + 60)
        server.stop()  # and while it waits for work
        time.sleep(2)
        server.start()
        scenario(env, "setup", "3", service.url, "12")
        wait_until_sent(server.url, worker, 15, time.monotonic() + 90)
        each_sent_once(service, 15)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        service.stop()
        server.remove()


@pytest.mark.django_db
def test_once_a_day_the_search_prunes_old_task_results_minutes_and_reminders(owner):
    old, recent = NOW - dt.timedelta(days=40), NOW - dt.timedelta(hours=2)
    for at in (old, recent):
        Reminder.objects.create(user=owner, kind="drinks", due_at=at)
        ReminderTick.objects.create(minute=at.replace(second=0))
    with time_machine.travel(old, tick=False):
        find_due_reminders.enqueue("2000-01-01T00:00:00+00:00")
        run_queued_tasks()  # a search long ago, its result kept as successful
    prune_minute = dt.datetime.combine(NOW.date(), tasks.PRUNE_AT, tzinfo=dt.UTC)
    with time_machine.travel(prune_minute + dt.timedelta(seconds=5), tick=False):
        find_due_reminders.enqueue(prune_minute.isoformat())
        run_queued_tasks()
    assert list(Reminder.objects.values_list("due_at", flat=True)) == [recent]
    assert old.replace(second=0) not in set(ReminderTick.objects.values_list("minute", flat=True))
    finished = DBTaskResult.objects.filter(status="SUCCESSFUL")
    assert not finished.filter(finished_at__lt=NOW - dt.timedelta(days=14)).exists()
    assert finished.filter(finished_at__gte=NOW - dt.timedelta(days=1)).exists()


@pytest.mark.django_db
def test_a_search_that_fails_before_queuing_the_next_does_not_end_the_chain():
    from unittest import mock

    from django.db import OperationalError

    from recovery.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"], interval=0, batch=False, backend_name="default",
        startup_delay=False, max_tasks=1, worker_id="test", excluded_queue_names=[],
    )  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        find_due_reminders.enqueue(MINUTE.isoformat())
        search = DBTaskResult.objects.get()
        search.claim("test")
        gone = OperationalError("the server closed the connection")
        with mock.patch.object(ReminderTick.objects, "create", side_effect=gone):
            worker.run_task(search)
        search.refresh_from_db()
        assert search.status == "FAILED"
        (following,) = waiting_searches()  # the worker queued the chain again
        assert following.run_after == MINUTE + dt.timedelta(minutes=1)
