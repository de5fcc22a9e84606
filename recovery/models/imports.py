"""An import of an exported file, run in the background in short batches
(recovery/accounts/importer.py), with how far it has got for the data page."""

import datetime as dt

from django.conf import settings
from django.db import models

# A running import writes a batch every second or so; one silent this long has stopped (its
# worker was killed), and the user may cancel it, which removes what it added.
STALLED_AFTER = dt.timedelta(minutes=5)
# How long the data page shows a finished import's outcome.
SHOWN_FOR = dt.timedelta(hours=1)


class ImportJob(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Importing"
        UNDOING = "undoing", "Removing what was added"
        DONE = "done", "Imported"
        FAILED = "failed", "Not imported"

    UNFINISHED = (Status.WAITING, Status.RUNNING, Status.UNDOING)
    FINISHED = (Status.DONE, Status.FAILED)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.WAITING)
    # The uploaded document until the import ends; emptied then (it is the user's health log).
    document = models.TextField(blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    # The rows written so far, to remove them if the import fails: {model label: [[first pk,
    # last pk], ...]} (a batch's rows are mostly consecutive, so this stays small).
    added = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["waiting", "running", "undoing"]),
                name="one_import_at_a_time",
            )
        ]

    def __str__(self):
        return f"Import {self.pk}: {self.get_status_display()}"

    @property
    def is_finished(self):
        return self.status in self.FINISHED

    @property
    def percent(self):
        """How far the import has got, 0 to 100 (whole numbers; 100 only once it is done)."""
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.done_rows * 100 // self.total_rows)

    def is_stalled(self, now):
        """Unfinished and silent for `STALLED_AFTER`: its worker stopped, or none is running."""
        return not self.is_finished and now - self.updated_at > STALLED_AFTER

    def is_shown(self, now):
        """Whether the data page shows this import: while it runs, and for a while after."""
        return not self.is_finished or now - self.updated_at <= SHOWN_FOR


def record_added(added, label, pks):
    """`added` with `pks` (rows of the model `label` just written) as runs of consecutive
    numbers appended; pure, for the job's `added` field."""
    runs = [list(run) for run in added.get(label, [])]
    for pk in sorted(pks):
        if runs and runs[-1][1] + 1 == pk:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return {**added, label: runs}
