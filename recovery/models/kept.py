"""Facts kept on write: a bulk write (an import) can ask for each kept fact to be worked out
once when it ends, instead of once per row it writes."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models, transaction

Refresh = Callable[[int], None]

# The refreshes a bulk write has put off, in order, or None: refresh at once.
_PENDING: ContextVar[dict[tuple[Refresh, int], None] | None] = ContextVar(
    "pending_refreshes", default=None
)


def refresh_later(refresh: Refresh, key: int) -> bool:
    """Put `refresh(key)` off to the end of the bulk write, if one is under way."""
    pending = _PENDING.get()
    if pending is None:
        return False
    pending[(refresh, key)] = None
    return True


@contextmanager
def refreshes_put_off() -> Iterator[dict[tuple[Refresh, int], None]]:
    """Within this block, writes mark the kept facts they change instead of working them out;
    the block gives the marks, for `refresh_all` when the bulk write is complete (an import
    writes thousands of rows for a few injuries and one user)."""
    pending: dict[tuple[Refresh, int], None] = {}
    token = _PENDING.set(pending)
    try:
        yield pending
    finally:
        _PENDING.reset(token)


def refresh_all(pending: dict[tuple[Refresh, int], None]) -> None:
    for refresh, key in pending:
        refresh(key)


class KeepsFactsUpToDate(models.Model):
    """A log whose saves and deletes work out kept facts again (`refresh_kept_facts`), in the
    same transaction as the write."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            self.refresh_kept_facts()

    def delete(self, *args, **kwargs):
        with transaction.atomic(savepoint=False):
            deleted = super().delete(*args, **kwargs)
            self.refresh_kept_facts()
        return deleted

    def refresh_kept_facts(self) -> None:
        raise NotImplementedError
