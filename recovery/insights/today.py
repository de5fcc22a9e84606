"""Today's numbers for the dashboard, in one query: the drinks, stretches, cramps and ice of
the user's day, the sessions still running, and the RICE steps logged for the injuries that
show them. Each is a scalar subquery of one SELECT, so the dashboard's query count stays the
same however much is logged; its SQL is compiled once and run with each request's values
(`recovery.common.compiled`)."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    Count,
    DurationField,
    F,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from recovery.common.compiled import one_row
from recovery.common.days import day_bounds
from recovery.models import (
    Cramp,
    FluidEntry,
    IceSession,
    Injury,
    SetTimer,
    StretchSession,
    Treatment,
)
from recovery.treatments.rice import rice_rows

FINISHED_ICE = [IceSession.Status.COMPLETED, IceSession.Status.STOPPED]


@dataclass
class Today:
    fluids_ml: int
    stretches: int
    cramps_week: int
    ice_sessions: int
    ice_minutes: int
    last_ice_end: datetime | None
    running: dict[str, int]  # {"ice": pk, "stretch": pk, "exercise": pk} still running
    rice: dict[int, list[dict]] = field(default_factory=dict)  # as rice.rice_today gives it


def _one(rows: QuerySet, value, output_field=None) -> Subquery:
    """A scalar subquery: `value` aggregated over the user's `rows`."""
    return Subquery(
        rows.filter(user=OuterRef("pk")).values("user").annotate(v=value).values("v")[:1],
        output_field=output_field,
    )


def _count(rows: QuerySet) -> Coalesce:
    return Coalesce(_one(rows, Count("pk")), Value(0))


def numbers_query(user, day_start, day_end, week_ago, **injuries) -> QuerySet:
    """The SELECT of today's numbers for `user`, with the RICE steps of `injuries` (ids by
    name, "injury_0" ...): built by `today` once per number of injuries (`one_row`)."""
    ice_today = IceSession.objects.filter(status__in=FINISHED_ICE, started_at__gte=day_start)
    values = {
        "fluids_ml": Coalesce(
            _one(FluidEntry.objects.filter(at__gte=day_start, at__lt=day_end), Sum("amount_ml")),
            Value(0),
        ),
        "stretches": _count(
            StretchSession.objects.filter(at__gte=day_start).exclude(
                status=StretchSession.Status.RUNNING
            )
        ),
        "cramps_week": _count(Cramp.objects.filter(started_at__gte=week_ago)),
        "ice_sessions": _count(ice_today),
        "ice_time": _one(
            ice_today, Sum(F("ended_at") - F("started_at")), output_field=DurationField()
        ),
        "last_ice_end": _one(IceSession.objects.filter(status__in=FINISHED_ICE), Max("ended_at")),
        "running_ice": _one(IceSession.objects.filter(status=IceSession.Status.RUNNING), Max("pk")),
        "running_stretch": _one(
            StretchSession.objects.filter(status=StretchSession.Status.RUNNING), Max("pk")
        ),
        "running_exercise": _one(
            SetTimer.objects.filter(status=SetTimer.Status.RUNNING), Max("pk")
        ),
    }
    treatments = Treatment.objects.filter(kind__in=Treatment.RICE, at__gte=day_start)
    for name, injury in injuries.items():
        for kind in Treatment.RICE:
            done = treatments.filter(injury=injury, kind=kind)
            values[f"{name}_{kind}_count"] = _count(done)
            values[f"{name}_{kind}_minutes"] = Coalesce(
                _one(done, Sum("duration_minutes")), Value(0), output_field=IntegerField()
            )
    # Prefixed: "ice_sessions" and the like are also the user's relations' names.
    return User.objects.filter(pk=user).values(
        **{f"today_{name}": value for name, value in values.items()}
    )


def today(user: User, rice_injuries: list[Injury], now: datetime | None = None) -> Today:
    now = now or timezone.now()
    day_start, day_end = day_bounds(timezone.localdate(now), timezone.get_current_timezone())
    injuries = {f"injury_{index}": injury.pk for index, injury in enumerate(rice_injuries)}
    compiled_row = one_row(
        ("dashboard today", len(injuries)),
        numbers_query,
        user=user.pk,
        day_start=day_start,
        day_end=day_end,
        week_ago=now - timedelta(days=7),
        **injuries,
    )
    row: dict[str, Any] = {
        name.removeprefix("today_"): value for name, value in compiled_row.items()
    }
    ice_time = row["ice_time"]
    return Today(
        fluids_ml=row["fluids_ml"],
        stretches=row["stretches"],
        cramps_week=row["cramps_week"],
        ice_sessions=row["ice_sessions"],
        ice_minutes=round(ice_time.total_seconds() / 60) if ice_time else 0,
        last_ice_end=row["last_ice_end"],
        running={
            kind: row[f"running_{kind}"]
            for kind in ("ice", "stretch", "exercise")
            if row[f"running_{kind}"] is not None
        },
        rice={
            injury.pk: rice_rows(
                {
                    kind: (
                        row[f"injury_{index}_{kind}_count"],
                        row[f"injury_{index}_{kind}_minutes"],
                    )
                    for kind in Treatment.RICE
                }
            )
            for index, injury in enumerate(rice_injuries)
        },
    )
