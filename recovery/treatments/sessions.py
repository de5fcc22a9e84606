"""The timed sessions (ice, guided stretches and guided exercise sets), settled before
anything reads the logs.

A session whose planned end has passed is finished (an ice session is also recorded as a
treatment, a guided exercise as an exercise session) by the first request that comes after
its end. Every page, report and export that
reads the user's logs calls `settle_sessions` first, so none of them shows a stale row.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import CharField, QuerySet, Value
from django.utils import timezone

from recovery.common import compiled
from recovery.habits import stretch_timer
from recovery.models import IceSession, SetTimer, StretchSession
from recovery.rehab import set_timer
from recovery.treatments import ice


@dataclass(frozen=True)
class Running:
    """The user's sessions still running after settling, if any."""

    ice: IceSession | None = None
    stretch: StretchSession | None = None
    exercise: SetTimer | None = None

    @property
    def count(self) -> int:
        return sum(session is not None for session in (self.ice, self.stretch, self.exercise))


def _running_query(user_id: int) -> QuerySet[Any]:
    def running(
        model: type[IceSession] | type[StretchSession] | type[SetTimer], kind: str
    ) -> QuerySet[Any]:
        return (
            model.objects.filter(user=user_id, status=model.Status.RUNNING)
            .values_list(Value(kind, output_field=CharField()), "pk")
            .order_by()
        )

    return (
        running(IceSession, "ice")
        .union(running(StretchSession, "stretch"), running(SetTimer, "exercise"))
        .order_by()
    )


def _running_ids(user: User) -> dict[str, int]:
    """{"ice": pk, "stretch": pk, "exercise": pk} of the user's running sessions, in one
    query (its SQL compiled once: every log page asks)."""
    return dict(compiled.rows("running sessions", _running_query, user_id=user.pk))


def settle_sessions(
    user: User, now: datetime | None = None, running_ids: dict[str, int] | None = None
) -> Running:
    """Settle the user's sessions whose time is up; returns the ones still running. One query
    when nothing is running, none when the caller already read `running_ids`."""
    now = now or timezone.now()
    ids = _running_ids(user) if running_ids is None else running_ids
    ice_session = stretch = guided = None
    if "ice" in ids and (ice_session := IceSession.objects.filter(pk=ids["ice"]).first()):
        ice.settle(ice_session, now)
    if "stretch" in ids and (
        stretch := StretchSession.objects.select_related("stretch")
        .filter(pk=ids["stretch"])
        .first()
    ):
        stretch_timer.settle(stretch, now)
    if "exercise" in ids and (
        guided := SetTimer.objects.select_related("item__exercise")
        .filter(pk=ids["exercise"])
        .first()
    ):
        set_timer.settle(guided, now)
    return Running(
        ice=ice_session if ice_session is not None and ice_session.is_running else None,
        stretch=stretch if stretch is not None and stretch.is_running else None,
        exercise=guided if guided is not None and guided.is_running else None,
    )
