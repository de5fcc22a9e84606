"""Loads the reviewed reference data file into the database.

Used by a data migration (with the migration's historical models) and by the
`load_reference_data` command (with the current ones). Loading is idempotent: rows are
matched by slug, updated in place, and nothing else is touched.

Sources are cited by key in the file. A page's own sources are stored by their full names; a
single piece of advice (a warning sign, a care section) by their short names, to be shown beside
it. Warning signs are written once, in `warning_signs`, and named by key wherever a page shows
them; each is stored as {"key", "level", "text", "sources"}.
"""

import json
from pathlib import Path

from django.db import models

DATA_FILE = Path(__file__).resolve().parent / "data" / "reference.json"


def read_data(path=DATA_FILE):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _fields(model, row, skip=()):
    """The row's values for the fields this version of the model has."""
    names = {
        field.name
        for field in model._meta.get_fields()
        if field.concrete and not field.many_to_many
    }
    return {key: value for key, value in row.items() if key in names and key not in skip}


def _has_model(get_model, name):
    """Whether this version of the app (a migration's historical state) has the model."""
    try:
        get_model("anatomy", name)
    except LookupError:
        return False
    return True


def _cite(sources, keys):
    return [sources[key] for key in keys]


def _signs(data, keys):
    """The warning signs named by `keys`, in that order, each citing its sources by short name."""
    signs = data["warning_signs"]
    return [
        {**signs[key], "key": key, "sources": _cite(data["short_sources"], signs[key]["sources"])}
        for key in keys
    ]


def _section(data, section):
    """A care page's section, with its signs spelled out and its sources by short name."""
    section = dict(section)
    if "signs" in section:
        section["signs"] = _signs(data, section["signs"])
    if "sources" in section:
        section["sources"] = _cite(data["short_sources"], section["sources"])
    return section


def load(get_model, data=None):
    """Create or update every reference row; returns counts by kind."""
    data = data or read_data()
    sources = data["sources"]
    model = {
        name: get_model("anatomy", name)
        for name in [
            "Region",
            "Compartment",
            "MuscleGroup",
            "Muscle",
            "Condition",
            "CareTopic",
            "GlossaryTerm",
            "Stretch",
            "Exercise",
        ]
        if _has_model(get_model, name)
    }

    def upsert(name, row, **extra):
        values = _fields(model[name], {**row, **extra}, skip={"slug"})
        if "sources" in row:
            values["sources"] = _cite(sources, row["sources"])
        obj, _ = model[name].objects.update_or_create(slug=row["slug"], defaults=values)
        return obj

    regions = {row["slug"]: upsert("Region", row) for row in data["regions"]}
    compartments = {
        row["slug"]: upsert("Compartment", row, region=regions[row["region"]])
        for row in data["compartments"]
    }
    groups = {row["slug"]: upsert("MuscleGroup", row) for row in data["groups"]}

    muscles = {}
    for row in data["muscles"]:  # parents come before their parts in the file
        muscles[row["slug"]] = upsert(
            "Muscle",
            row,
            compartment=compartments[row["compartment"]],
            group=groups.get(row["group"]),
            part_of=muscles.get(row["part_of"]),
        )

    for row in data["conditions"]:
        condition = upsert(
            "Condition",
            row,
            get_help_now=_signs(data, row["get_help_now"]),
            call_provider=_signs(data, row["call_provider"]),
        )
        condition.muscles.set([muscles[slug] for slug in row["muscles"]])

    for row in data["care_topics"]:
        upsert("CareTopic", row, sections=[_section(data, s) for s in row["sections"]])
    for row in data["glossary"]:
        upsert("GlossaryTerm", row)
    if "Stretch" in model:
        for row in data["stretches"]:
            stretch = upsert("Stretch", row)
            stretch.muscles.set([muscles[slug] for slug in row["muscles"]])

    if "Exercise" in model:
        exercises = {}
        for row in data["exercises"]:
            exercises[row["slug"]] = upsert("Exercise", row, harder=None)
            exercises[row["slug"]].muscles.set([muscles[slug] for slug in row["muscles"]])
        for row in data["exercises"]:  # a harder variant may come later in the file
            if row["harder"]:
                exercises[row["slug"]].harder = exercises[row["harder"]]
                exercises[row["slug"]].save(update_fields=["harder"])

    if _has_model(get_model, "ReferenceVersion"):  # the cached pages are out of date now
        bump_version(get_model("anatomy", "ReferenceVersion"))
    return {key: len(data[key]) for key in data if isinstance(data[key], list)}


def bump_version(ReferenceVersion):  # noqa: N803 - a model class, also a migration's
    """A new version of the reference data: every cached reference page is rendered again."""
    if not ReferenceVersion.objects.filter(pk=1).update(number=models.F("number") + 1):
        ReferenceVersion.objects.create(pk=1, number=2)
