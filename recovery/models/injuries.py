"""An injury episode, the symptom entries logged against it, the user's acknowledgements
("I contacted my provider", "I got care"), and the facts the advice reads from them, kept up to
date on every write (InjuryState). The advice itself lives in recovery.injuries.triage."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import Prefetch
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone

from anatomy.models import Muscle
from recovery.common import compiled
from recovery.models.kept import KeepsFactsUpToDate, refresh_later


def muscle_names(lookup="muscles"):
    """Prefetch muscles (an injury's, a cramp's) with only what titles and links need."""
    return Prefetch(lookup, queryset=Muscle.objects.names())


def give_muscle_names(injuries):
    """Give each of the injuries (a list) its muscles with only their id, slug and name, as
    `prefetch_related(muscle_names())` would, from SQL compiled once per number of injuries.
    Returns the list."""
    found = {injury.pk: [] for injury in injuries}  # an injury listed twice is asked once
    ids = {f"injury_{index}": pk for index, pk in enumerate(found)}
    if ids:
        shape = ("muscle names of injuries", len(ids))
        for injury_id, *fields in compiled.rows(shape, _muscle_name_rows, **ids):
            found[injury_id].append(Muscle.from_db(DEFAULT_DB_ALIAS, MUSCLE_NAME_FIELDS, fields))
    for injury in injuries:
        compiled.prefetched(injury, "muscles", found[injury.pk])
    return injuries


MUSCLE_NAME_FIELDS = ["id", "slug", "name"]


def injuries_with_names(user_id):
    """The user's injuries, newest first, with their region and muscle names, for titles
    (choices, lists): from SQL compiled once."""
    return give_muscle_names(
        compiled.instances("injuries of user", _user_injuries, user_id=user_id)
    )


def _user_injuries(user_id):
    return Injury.objects.filter(user=user_id).select_related("region")


def _muscle_name_rows(**ids):
    order = [f"muscle__{field}" for field in Muscle._meta.ordering]  # the muscles' own order
    return (
        Injury.muscles.through.objects.filter(injury_id__in=list(ids.values()))
        .order_by("injury_id", *order)
        .values_list("injury_id", *(f"muscle__{field}" for field in MUSCLE_NAME_FIELDS))
    )


def with_name_of(queryset, relation):
    """The rows with their `relation` (a cramp's muscle, a stretch session's stretch) in the
    same query, loading only what a label or a link needs of it (id, slug, name), not its
    reference texts."""
    own = (field.name for field in queryset.model._meta.concrete_fields)
    return queryset.select_related(relation).only(*own, f"{relation}__slug", f"{relation}__name")


NOTES_MAX_LENGTH = 5000


def notes_field():
    """Free text up to NOTES_MAX_LENGTH characters, checked by `full_clean` (a TextField's
    max_length alone is only the form's), so an import is held to the same limit as a form."""
    return models.TextField(
        blank=True, max_length=NOTES_MAX_LENGTH, validators=[MaxLengthValidator(NOTES_MAX_LENGTH)]
    )


def client_id_field():
    """The id a device made for a log it kept offline (recovery/offline): sent again, the log
    is found, not stored twice (each model has a unique constraint on it)."""
    return models.UUIDField(null=True, blank=True, editable=False)


def _is_iso_date(text):
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def out_of_range(instance, limits):
    """{field: message} for each of `limits` ({field: (low, high, message)}) whose value on
    the instance is given and outside low to high."""
    return {
        name: message
        for name, (low, high, message) in limits.items()
        if getattr(instance, name) is not None and not low <= getattr(instance, name) <= high
    }


class Side(models.TextChoices):
    """Which leg: the same answer for an injury, a cramp and a stretch."""

    LEFT = "left", "Left leg"
    RIGHT = "right", "Right leg"
    BOTH = "both", "Both legs"


class Injury(models.Model):
    class Kind(models.TextChoices):
        STRAIN = "strain", "Muscle strain or pull"
        TEAR = "tear", "Tear"
        TENNIS_LEG = "tennis_leg", "Tennis leg (calf strain)"
        CRAMP = "cramp", "Cramp or spasm that lingers"
        FOOT_DROP = "foot_drop", "Foot drop"
        SORENESS = "soreness", "Soreness or tightness"
        OTHER = "other", "Something else"

    Side = Side

    class Cause(models.TextChoices):
        UNKNOWN = "unknown", "I don't know"
        QUICK_START_STOP = "quick_start_stop", "A quick start or stop"
        OVERUSE = "overuse", "Overuse"
        STRENUOUS = "strenuous", "Strenuous exercise"
        FALL_OR_BLOW = "fall_or_blow", "A fall or a blow"

    class Grade(models.TextChoices):
        UNKNOWN = "unknown", "Not graded, or I don't know"
        I = "1", "Grade I: a few fibres torn (under about 10%)"  # noqa: E741
        II = "2", "Grade II: a partial tear (about 10 to 50%)"
        III = "3", "Grade III: most or all of the muscle torn (over 50%)"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        RESOLVED = "resolved", "Resolved"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="injuries"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.STRAIN)
    muscles = models.ManyToManyField("anatomy.Muscle", blank=True, related_name="injuries")
    region = models.ForeignKey(
        "anatomy.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Where it hurts, when the user is not sure which muscle.",
    )
    side = models.CharField(max_length=5, choices=Side.choices)
    onset_at = models.DateTimeField("when it started")
    cause = models.CharField(max_length=20, choices=Cause.choices, default=Cause.UNKNOWN)
    grade = models.CharField(max_length=7, choices=Grade.choices, default=Grade.UNKNOWN)
    notes = notes_field()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    resolved_on = models.DateField(null=True, blank=True)
    # The daily check-in reminder asks about this injury while it is active (a clear switch).
    remind_daily = models.BooleanField("daily check-in reminder", default=True)
    milestones = models.JSONField(
        default=dict, blank=True, help_text="Return-to-activity milestones ticked: key to date."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-onset_at"]
        indexes = [models.Index(fields=["user", "status", "-onset_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="active", resolved_on__isnull=True)
                | models.Q(status="resolved", resolved_on__isnull=False),
                name="injury_resolved_has_date",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.get_side_display().lower()}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            if adding:
                InjuryState.refresh(self.pk)

    def get_absolute_url(self):
        return reverse("injury", args=[self.pk])

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    @property
    def is_strain(self):
        return self.kind in {self.Kind.STRAIN, self.Kind.TEAR, self.Kind.TENNIS_LEG}

    def clean(self):
        """Milestones are {milestone key: the ISO date it was reached} (the milestones form's
        shape; an import is held to it)."""
        from recovery.injuries.guide import MILESTONES  # the guide's data, read once

        keys = {milestone["key"] for milestone in MILESTONES}
        milestones = self.milestones
        if not isinstance(milestones, dict) or not all(
            key in keys and isinstance(day, str) and _is_iso_date(day)
            for key, day in milestones.items()
        ):
            raise ValidationError(
                {"milestones": f"Milestones are dates for: {', '.join(sorted(keys))}."}
            )

    def where(self):
        """The muscles (or the region when unsure), as a person would say it."""
        names = [muscle.name for muscle in self.muscles.all()]
        if names:
            return ", ".join(names)
        return f"{self.region.name.lower()}, muscle not sure" if self.region else "not sure where"

    def title(self):
        return f"{self.get_kind_display()}: {self.where()} ({self.get_side_display().lower()})"


class SymptomEntry(KeepsFactsUpToDate):
    """How the injury feels at one moment. Red-flag answers drive urgent advice."""

    class Character(models.TextChoices):
        SHARP = "sharp", "Sharp"
        DULL = "dull", "Dull"

    # The warning-sign questions, grouped as the form asks them; what each means is in
    # recovery.injuries.triage.WARNING_SIGNS.
    LEG_SIGNS = {
        "calf_swelling": "Swelling in one calf, thigh or the whole leg, or it is warm, red or "
        "tender there",
        "hard_veins": "Swollen veins that feel hard or sore",
        "cold_limb": "The leg or foot has gone cold, pale, blue or grey",
        "numbness": "Numbness or tingling",
        "severe_weakness": "Severe weakness or trouble moving the lower leg",
        "foot_drop": "The front of the foot will not lift, or it drags when you walk",
        "cannot_bear_weight": "Unable to put weight on the leg",
        "snap_no_tiptoe": "A snap or pop at the back of the calf or ankle, and unable to stand "
        "on tiptoe",
        "deformed": "The leg has changed shape or points at an odd angle, or you heard a crack",
        "out_of_proportion": "Pain far worse than the injury seems to explain, with a tight, "
        "hard, swollen muscle",
        "rising_pain": "Pain that keeps getting worse since the injury, or under a cast or a "
        "tight bandage",
    }
    ELSEWHERE_SIGNS = {
        "chest_symptoms": "Chest pain, shortness of breath or coughing blood",
        "saddle_numbness": "Numbness between the inner thighs, or around the genitals or buttocks",
        "bladder_bowel": "New trouble passing urine, or controlling the bladder or bowels",
        "both_legs_weak": "Weakness in both legs",
        "stroke_signs": "A drooping face, a weak arm or slurred speech",
    }
    RED_FLAGS = {**LEG_SIGNS, **ELSEWHERE_SIGNS}
    SYMPTOMS = {
        "tightness": "Tightness",
        "stiffness": "Stiffness",
        "weakness": "Weakness or less range of movement",
        "bruising": "Bruising",
        "tenderness": "Tender when pressed",
    }

    injury = models.ForeignKey(Injury, on_delete=models.CASCADE, related_name="entries")
    recorded_at = models.DateTimeField("time")
    pain = models.PositiveSmallIntegerField()
    resting = models.BooleanField("I have been resting it", default=False)
    character = models.CharField(
        "kind of pain", max_length=5, choices=Character.choices, blank=True
    )
    tightness = models.BooleanField(default=False)
    stiffness = models.BooleanField(default=False)
    weakness = models.BooleanField(default=False)
    bruising = models.BooleanField(default=False)
    tenderness = models.BooleanField(default=False)
    calf_swelling = models.BooleanField(default=False)
    hard_veins = models.BooleanField(default=False)
    cold_limb = models.BooleanField(default=False)
    numbness = models.BooleanField(default=False)
    severe_weakness = models.BooleanField(default=False)
    foot_drop = models.BooleanField(default=False)
    cannot_bear_weight = models.BooleanField(default=False)
    snap_no_tiptoe = models.BooleanField(default=False)
    deformed = models.BooleanField(default=False)
    out_of_proportion = models.BooleanField(default=False)
    rising_pain = models.BooleanField(default=False)
    chest_symptoms = models.BooleanField(default=False)
    saddle_numbness = models.BooleanField(default=False)
    bladder_bowel = models.BooleanField(default=False)
    both_legs_weak = models.BooleanField(default=False)
    stroke_signs = models.BooleanField(default=False)
    notes = notes_field()
    created_at = models.DateTimeField(auto_now_add=True)

    client_id = client_id_field()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name_plural = "symptom entries"
        indexes = [models.Index(fields=["injury", "-recorded_at"])]
        constraints = [
            models.UniqueConstraint(fields=["client_id"], name="one_symptomentry_per_client_id"),
            models.CheckConstraint(condition=models.Q(pain__lte=10), name="entry_pain_0_to_10"),
        ]

    def __str__(self):
        return f"Pain {self.pain}/10 at {self.recorded_at:%Y-%m-%d %H:%M}"

    def refresh_kept_facts(self):
        InjuryState.refresh(self.injury_id, acknowledgements=False)

    @staticmethod
    def before_onset(recorded_at, onset_at):
        """The message for an entry timed before its injury started (by the minute: the form
        shows minutes, and "now" logged with the onset is fine), or None."""
        if recorded_at >= onset_at.replace(second=0, microsecond=0):
            return None
        local = timezone.localtime(onset_at)
        return (
            f"This is before the injury started ({local:%d %B %Y, %H:%M}). Enter that time or "
            "later."
        )

    def clean(self):
        if self.recorded_at is not None and self.injury_id is not None:
            problem = self.before_onset(self.recorded_at, self.injury.onset_at)
            if problem:
                raise ValidationError({"recorded_at": problem})

    def red_flags(self):
        """The warning signs answered yes, as (field, question) pairs."""
        return [(name, text) for name, text in self.RED_FLAGS.items() if getattr(self, name)]

    @property
    def has_warning_sign(self):
        return any(getattr(self, name) for name in self.RED_FLAGS)

    @classmethod
    def warning_sign_q(cls):
        """The condition "the entry has a warning sign", for queries (`has_warning_sign`)."""
        condition = models.Q()
        for name in cls.RED_FLAGS:
            condition |= models.Q(**{name: True})
        return condition

    @classmethod
    def warning_signs_named(cls):
        """An expression: the names of the warning signs answered yes, each followed by a
        space. One text column in place of one per sign, for lists that read many entries
        (each column read costs a conversion per row); `questions_of` reads it."""
        parts = [
            models.Case(
                models.When(**{name: True}, then=models.Value(f"{name} ")),
                default=models.Value(""),
            )
            for name in cls.RED_FLAGS
        ]
        # Joined two by two: a chain of 16 is nested too deep for SQLite's parser.
        while len(parts) > 1:
            pairs = [parts[index : index + 2] for index in range(0, len(parts), 2)]
            parts = [
                Concat(*pair, output_field=models.CharField()) if len(pair) == 2 else pair[0]
                for pair in pairs
            ]
        return parts[0]

    @classmethod
    def questions_of(cls, named):
        """The warning-sign questions named in a `warning_signs_named` text, in form order."""
        return [cls.RED_FLAGS[name] for name in named.split()]

    def symptoms(self):
        return [text for name, text in self.SYMPTOMS.items() if getattr(self, name)]


class Acknowledgement(KeepsFactsUpToDate):
    """The user telling the app what they did about its advice."""

    class Kind(models.TextChoices):
        CONTACTED_PROVIDER = "contacted", "I contacted my provider"
        GOT_CARE = "got_care", "I got care"

    injury = models.ForeignKey(Injury, on_delete=models.CASCADE, related_name="acknowledgements")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField("when")
    note = notes_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["injury", "kind", "-at"])]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"

    def refresh_kept_facts(self):
        InjuryState.refresh(self.injury_id, entries=False)


class InjuryState(models.Model):
    """What the advice needs to know about an injury's entries and acknowledgements, kept up to
    date in the same transaction as every write that changes it (the saves and deletes above,
    `refreshes_put_off` for imports), so that the advice on every page reads one row
    per injury instead of working it out again. `refresh` recomputes it whole, never by
    increments: an edit, a delete or a back-dated entry leaves it exact."""

    injury = models.OneToOneField(
        Injury, on_delete=models.CASCADE, primary_key=True, related_name="state"
    )
    entry_count = models.PositiveIntegerField(default=0)
    first_entry_id = models.BigIntegerField(null=True)
    first_pain = models.PositiveSmallIntegerField(null=True)
    first_at = models.DateTimeField(null=True)
    latest_entry_id = models.BigIntegerField(null=True)
    latest_pain = models.PositiveSmallIntegerField(null=True)
    latest_at = models.DateTimeField(null=True)
    latest_flags = models.JSONField(default=list)  # the latest entry's warning signs
    previous_pain = models.PositiveSmallIntegerField(null=True)  # the entry before the latest
    highest_pain = models.PositiveSmallIntegerField(null=True)
    last_contacted_at = models.DateTimeField(null=True)
    last_care_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"State of injury {self.injury_id}"

    @staticmethod
    def _newest_entries(injury_id):
        flags = list(SymptomEntry.RED_FLAGS)
        return (
            SymptomEntry.objects.filter(injury_id=injury_id)
            .order_by("-recorded_at", "-pk")
            .values_list("pk", "recorded_at", "pain", *flags)[:2]
        )

    @staticmethod
    def _entry_totals(injury_id):
        first = SymptomEntry.objects.filter(injury=models.OuterRef("pk")).order_by(
            "recorded_at", "pk"
        )
        return (
            Injury.objects.filter(pk=injury_id)
            .annotate(
                count=models.Count("entries"),
                highest=models.Max("entries__pain"),
                first_pk=models.Subquery(first.values("pk")[:1]),
                first_pain=models.Subquery(first.values("pain")[:1]),
                first_at=models.Subquery(first.values("recorded_at")[:1]),
            )
            .values_list("count", "highest", "first_pk", "first_pain", "first_at")
        )

    @classmethod
    def entry_facts_of(cls, injury_id):
        """The facts from the injury's entries (two queries, their SQL compiled once: every
        entry written asks)."""
        flags = list(SymptomEntry.RED_FLAGS)
        newest = compiled.rows("newest entries", cls._newest_entries, injury_id=injury_id)
        totals = compiled.rows("entry totals", cls._entry_totals, injury_id=injury_id)
        count, highest, first_pk, first_pain, first_at = (
            totals[0] if totals else (0, None, None, None, None)
        )
        latest = newest[0] if newest else None
        return {
            "entry_count": count,
            "first_entry_id": first_pk,
            "first_pain": first_pain,
            "first_at": first_at,
            "latest_entry_id": latest[0] if latest else None,
            "latest_pain": latest[2] if latest else None,
            "latest_at": latest[1] if latest else None,
            "latest_flags": (
                [name for name, on in zip(flags, latest[3:], strict=True) if on] if latest else []
            ),
            "previous_pain": newest[1][2] if len(newest) > 1 else None,
            "highest_pain": highest,
        }

    @classmethod
    def acknowledgement_facts_of(cls, injury_id):
        """The last contact and the last care recorded (one query)."""
        kinds = Acknowledgement.Kind
        return Acknowledgement.objects.filter(injury_id=injury_id).aggregate(
            last_contacted_at=models.Max("at", filter=models.Q(kind=kinds.CONTACTED_PROVIDER)),
            last_care_at=models.Max("at", filter=models.Q(kind=kinds.GOT_CARE)),
        )

    @classmethod
    def facts_of(cls, injury_id):
        """Every fact of the state, worked out from the injury's rows."""
        return {**cls.entry_facts_of(injury_id), **cls.acknowledgement_facts_of(injury_id)}

    @classmethod
    def refresh(cls, injury_id, *, entries=True, acknowledgements=True):
        """Work the injury's state out again from its rows: from its entries, its
        acknowledgements or both (a save of one kind cannot change the other's facts)."""
        if refresh_later(cls.refresh, injury_id):
            return
        with transaction.atomic(savepoint=False):
            # Two writes for one injury at once take turns here: the second reads its facts
            # only after the first has committed, so neither overwrites the other's.
            locked = cls.objects.select_for_update().filter(pk=injury_id).values_list("pk")
            if not list(locked):  # made in the injury's own transaction, or never: make it now
                cls.objects.bulk_create(
                    [cls(injury_id=injury_id, **cls.facts_of(injury_id))], ignore_conflicts=True
                )
                return
            facts = {}
            if entries:
                facts |= cls.entry_facts_of(injury_id)
            if acknowledgements:
                facts |= cls.acknowledgement_facts_of(injury_id)
            cls.objects.filter(pk=injury_id).update(**facts)

    def as_dict(self):
        """The stored facts, as `facts_of` works them out."""
        return {f.name: getattr(self, f.name) for f in self._meta.fields if f.name != "injury"}
