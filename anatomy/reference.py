"""Loads the reviewed reference data file into the database.

Used by a data migration (with the migration's historical models) and by the
`load_reference_data` command (with the current ones). Loading is idempotent: rows are
matched by slug, updated in place, and nothing else is touched.
"""

import json
from pathlib import Path

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
        condition = upsert("Condition", row)
        condition.muscles.set([muscles[slug] for slug in row["muscles"]])

    for row in data["care_topics"]:
        upsert("CareTopic", row)
    for row in data["glossary"]:
        upsert("GlossaryTerm", row)
    if "Stretch" in model:
        for row in data["stretches"]:
            stretch = upsert("Stretch", row)
            stretch.muscles.set([muscles[slug] for slug in row["muscles"]])

    return {key: len(data[key]) for key in data if isinstance(data[key], list)}
