"""Work done by the task worker (`manage.py db_worker`) rather than in a request."""

from django.db import transaction
from django.tasks import task

from recovery.accounts import importer


@task()
def import_file(job_id):
    importer.run(job_id)


def start_import(user, raw):
    """Queue the import of an uploaded file (checked first: ImportRefused says why not); the
    job and its task are stored together, so a worker never sees one without the other."""
    with transaction.atomic():
        job = importer.create_job(user, raw)
        import_file.enqueue(job.pk)
    return job
