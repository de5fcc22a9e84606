"""`manage.py db_worker`: django-tasks-db's worker, which also starts the minute's search for
due reminders (recovery/reminders/tasks.py) and waits out the database going away (a
PostgreSQL restart) instead of exiting: it reconnects and carries on, and what a task did
while the database was down is recorded once it is back."""

import contextlib
import logging
import os
import time

from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker as base

from recovery.reminders.tasks import find_due_reminders, keep_ticking

logger = logging.getLogger("django_tasks_db")
DATABASE_DOWN = (OperationalError, InterfaceError)
WAIT_SECONDS = 2
SEARCH = find_due_reminders.module_path


def _wait_for_database():
    connections.close_all()  # the next query connects afresh
    time.sleep(WAIT_SECONDS)


def _until_recorded(record):
    def save(*args):
        while True:
            try:
                return record(*args)
            except DATABASE_DOWN as problem:
                logger.warning("Cannot record a task's outcome (%s); trying again", problem)
                _wait_for_database()

    return save


class Worker(base.Worker):
    def run(self):
        while self.running:
            try:
                if not self.batch:
                    keep_ticking()
                return super().run()  # returns only in batch mode or after --max-tasks
            except DATABASE_DOWN as problem:
                logger.warning(
                    "Database unavailable (%s); trying again in %ss", problem, WAIT_SECONDS
                )
                self.startup_delay = False
                _wait_for_database()

    def run_task(self, db_task_result):
        db_task_result.set_successful = _until_recorded(db_task_result.set_successful)
        db_task_result.set_failed = _until_recorded(db_task_result.set_failed)
        super().run_task(db_task_result)
        if db_task_result.task_path == SEARCH and not self.batch:
            # A search that failed before queuing the next one (the database went away
            # mid-task) would end the chain: start it again. If the database is still away,
            # the loop meets the outage next, and starts the chain once it is back.
            with contextlib.suppress(*DATABASE_DOWN):
                keep_ticking()


class Command(base.Command):
    help = "Run tasks (and every minute, the search for due reminders); waits out database outages."

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        reload = reload and not batch
        worker = Worker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child process
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
