"""Running the queued background tasks in a test, with the real worker (`manage.py db_worker`)."""

from unittest import mock

from django_tasks_db.management.commands.db_worker import Worker

from recovery.accounts import importer
from recovery.models import Profile


def run_queued_tasks():
    """Run every task waiting in the queue, as `manage.py db_worker --batch` would. The worker's
    "close stale connections" step is left out: in a test it would close the test's own
    transaction."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker.run()


def import_now(user, raw):
    """Import a document into `user`'s account at once, as the worker does; ImportRefused with
    the job's message if it was refused (nothing is kept then)."""
    job = importer.create_job(user, raw)
    importer.run(job.pk)
    job.refresh_from_db()
    if job.status == job.Status.FAILED:
        raise importer.ImportRefused(job.message)
    user.profile = Profile.objects.get(user=user)  # the imported one, not a copy read before
    return job
