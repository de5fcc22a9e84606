"""Guards for whoever adds a feature: each kind of log the user writes reaches every place that
must know about it (the streak, the export and import, the charts, the report), has an index
for its queries, and every page lights a tab of the main navigation.

A new log model makes these tests fail until it is added to each place, or the place says why
it leaves it out (README, "How to add a new kind of log").
"""

import datetime as dt
import re

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver, reverse

from anatomy import reference
from recovery.accounts import export
from recovery.injuries import triage
from recovery.injuries.triage import Level
from recovery.insights import chart_views, report, streaks
from recovery.models import (
    USER_LOGS,
    FormSubmission,
    ImportJob,
    Injury,
    ProgrammeExercise,
    PushSubscription,
    Reminder,
    ReminderSetting,
    SetTimer,
    ShareLink,
    SymptomEntry,
    get_profile,
)
from recovery.navigation import NAV_TABS

# Models with an owner that are not something the user logged.
NOT_LOGS = {
    ShareLink: "a link that shares a report",
    FormSubmission: "a form's key, kept a day so that a form sent twice stores one row",
    ImportJob: "an import of an export file: how far it got, and what it added until it ends",
    ProgrammeExercise: "an exercise the user plans for an injury, with its targets: a plan, "
    "not something done (it is exported and imported with its injury)",
    SetTimer: "the guided set timer while it runs; what was done is logged as an exercise "
    "session when it ends, and that session is the log",
    ReminderSetting: "how one kind of reminder comes: a setting (exported and imported with "
    "the account's reminder settings)",
    Reminder: "a reminder the app found due and sent: the app's message to the user, not "
    "something the user did; pruned after a month",
    PushSubscription: "a browser that takes push reminders: a device, not a log (exported and "
    "imported with the reminder settings)",
}


def owner_field(model):
    """The field a user-scoped query filters this model by: its user, or for a log that hangs
    off an injury, its injury. None for models that are not a user's logs."""
    names = {field.name: field for field in model._meta.get_fields()}
    for name in ("user", "injury"):
        field = names.get(name)
        if field is not None and field.many_to_one:
            return name
    return None


def log_models():
    """Every kind of log a user writes, found by looking at the models."""
    models = apps.get_app_config("recovery").get_models()
    return {model for model in models if owner_field(model) and model not in NOT_LOGS}


def names(models):
    return sorted(model.__name__ for model in models)


def test_the_logs_are_found_by_looking_at_the_models():
    assert names(log_models()) == [
        "Acknowledgement",
        "Cramp",
        "ExerciseSession",
        "FluidEntry",
        "IceSession",
        "Injury",
        "StretchSession",
        "SymptomEntry",
        "Treatment",
    ]


def test_every_log_has_an_index_on_its_owner_then_its_time():
    missing = []
    for model in log_models() | set(NOT_LOGS):
        owner = owner_field(model)
        times = {
            field.name
            for field in model._meta.get_fields()
            if field.get_internal_type() == "DateTimeField"
        }
        covered = any(
            index.fields[0] == owner and {name.lstrip("-") for name in index.fields} & times
            for index in model._meta.indexes
        )
        if not times:  # a setting with no time of its own: found by its owner first
            covered = any(
                getattr(constraint, "fields", ("",))[0] == owner
                for constraint in model._meta.constraints
            )
        if not covered:
            missing.append(model.__name__)
    assert missing == []


def test_every_log_with_a_user_is_in_user_logs():
    # Import refuses an account with any of these; the demo and load users reset them.
    by_user = {model for model in log_models() if owner_field(model) == "user"}
    assert names(USER_LOGS) == names(by_user)


@pytest.mark.django_db
def test_every_log_counts_towards_the_streak_or_says_why_not(owner):
    counted = {rows.model for rows, _ in streaks.log_times(owner)}
    assert not counted & set(streaks.NOT_COUNTED)
    assert names(counted | set(streaks.NOT_COUNTED)) == names(log_models())


@pytest.mark.django_db
def test_every_log_is_exported_to_its_own_spreadsheet_and_in_the_json(owner):
    assert names(export.CSV_FILES) == names(log_models())
    assert sorted(export.CSV_FILES.values()) == sorted(export.CSV_COLUMNS)
    # The JSON (what import reads) has a list for every log: nested under each injury for
    # the logs that hang off an injury, at the top for the rest.
    Injury.objects.create(user=owner, side="left", onset_at=dt.datetime.now(dt.UTC))
    data = export.collect(owner)
    for model in log_models():
        key = export.CSV_FILES[model].removesuffix(".csv")
        if owner_field(model) == "injury":
            key = {"symptom_entries": "entries"}.get(key, key)
            assert key in data["injuries"][0], model.__name__
        else:
            assert key in data or model is Injury, model.__name__


@pytest.mark.django_db
def test_every_log_feeds_the_charts_or_says_why_not(owner):
    assert not set(chart_views.CHARTED) & set(chart_views.NOT_CHARTED)
    assert names({**chart_views.CHARTED, **chart_views.NOT_CHARTED}) == names(log_models())
    data, _ = chart_views.chart_data(owner, get_profile(owner), "30", [])
    assert set(chart_views.CHARTED.values()) <= set(data)


@pytest.mark.django_db
def test_every_log_feeds_the_report_or_says_why_not(owner):
    assert not set(report.REPORTED) & set(report.NOT_REPORTED)
    assert names({**report.REPORTED, **report.NOT_REPORTED}) == names(log_models())
    today = dt.date(2026, 11, 30)
    built = report.build(owner, get_profile(owner), [], today, today, assessed=[])
    assert set(report.REPORTED.values()) <= set(built)


def view_modules(resolver=None, prefix=""):
    """(module, route) of every view the site routes to, but the staff-only admin's."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(pattern, URLResolver):
            yield from view_modules(pattern, route)
        else:
            callback = getattr(pattern.callback, "view_class", pattern.callback)
            yield callback.__module__, route


def test_every_page_of_the_app_belongs_to_a_tab_of_the_main_navigation():
    ours = {module for module, _ in view_modules()}
    assert sorted(ours - set(NAV_TABS)) == []
    assert set(NAV_TABS.values()) == {
        "today", "log", "ice", "charts", "anatomy", "account", "more"
    }  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "tab"),
    [
        ("home", "Today"),
        ("injuries", "Log"),
        ("injury_new", "Log"),
        ("fluids", "Log"),
        ("fluid_history", "Log"),
        ("cramps", "Log"),
        ("stretches", "Log"),
        ("stretch_log", "Log"),
        ("treatments", "Log"),
        ("treatment_new", "Log"),
        ("ice", "Ice timer"),
        ("charts", "Charts"),
        ("report", "Charts"),
        ("anatomy:overview", "Anatomy"),
        ("profile", "Account"),
        ("data", "Account"),
        ("password_change", "Account"),
        ("more", "More"),
    ],
)
def test_each_page_lights_its_tab_and_no_other(owner_client, url, tab):
    """On a wide screen the top bar shows Anatomy and Account; on a phone the tab bar has
    "More" for them instead (the other set is hidden): each set marks exactly one tab."""
    body = owner_client.get(reverse(url)).content.decode()
    nav = body.split('<nav aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    items = nav.split("<li")[1:]
    wide, phone = WIDE_TABS.get(tab, [tab]), [PHONE_TABS.get(tab, tab)]
    for hidden, expected in (("narrow-only", wide), ("wide-only", phone)):
        shown = [item for item in items if hidden not in item.split(">", 1)[0]]
        current = [
            re.sub(r"<[^>]+>", "", item.split(">", 1)[1]).strip()
            for item in shown
            if "aria-current" in item
        ]
        assert current == expected


PHONE_TABS = {"Anatomy": "More", "Account": "More"}
WIDE_TABS = {"More": []}  # the top bar links the More page's destinations themselves


# --- the warning signs: one meaning each, wherever they are asked or explained ---------------

# The reference's signs (anatomy/data/reference.json) and the symptom form's questions they
# explain; the triage level of each question must be the reference's level.
REFERENCE_SIGNS = {
    "clot-in-lung": ["chest_symptoms"],
    "compartment-syndrome": ["out_of_proportion", "rising_pain"],
    "cold-pale-leg": ["cold_limb"],
    "cauda-equina": ["saddle_numbness", "bladder_bowel", "both_legs_weak"],
    "stroke": ["stroke_signs"],
    "dvt": ["calf_swelling", "hard_veins"],
    "numbness": ["numbness"],
    "weakness": ["severe_weakness"],
    "new-foot-drop": ["foot_drop"],
    "achilles": ["snap_no_tiptoe"],
    "no-weight": ["cannot_bear_weight"],
    "deformed": ["deformed"],
}
REFERENCE_LEVELS = {"emergency": Level.EMERGENCY, "same-day": Level.URGENT}


def test_every_question_of_the_symptom_form_has_a_triage_rule_and_back():
    assert set(SymptomEntry.RED_FLAGS) == set(triage.WARNING_SIGNS)
    assert set(SymptomEntry.RED_FLAGS) == {f for flags in REFERENCE_SIGNS.values() for f in flags}


def test_the_reference_and_the_triage_rules_give_each_sign_the_same_level():
    signs = reference.read_data()["warning_signs"]
    for key, flags in REFERENCE_SIGNS.items():
        for flag in flags:
            assert triage.WARNING_SIGNS[flag][0] == REFERENCE_LEVELS[signs[key]["level"]], flag


def test_the_kinds_triage_knows_are_injury_kinds():
    assert {triage.FOOT_DROP, triage.CRAMP} <= set(Injury.Kind.values)


def test_the_kept_cramps_look_back_as_far_as_the_advice():
    from recovery.models import CrampState

    assert CrampState.WINDOW == triage.CRAMP_WINDOW


def test_no_django_template_comment_spans_lines():
    """`{# ... #}` ends at the line's end in Django's templates: a longer one is printed on the
    page (it once showed on every injury card). `{% comment %}` spans lines."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "templates"
    spanning = []
    for path in root.rglob("*.html"):
        if "jinja2" in path.parts:  # Jinja2's comments may span lines
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            start = line.find("{#")
            if start != -1 and "#}" not in line[start:]:
                spanning.append(f"{path.relative_to(root)}:{number}")
    assert spanning == []
