"""Typical recovery ranges and return-to-activity milestones (clinical rules, section 4)."""

import json
from pathlib import Path

GUIDE = json.loads((Path(__file__).resolve().parent / "data" / "recovery_guide.json").read_text())
MILESTONES = GUIDE["milestones"]
GRADE_NAMES = {"1": "grade I", "2": "grade II", "3": "grade III"}


def typical_recovery(injury):
    """Rows of (group name, grade, range) that apply to the injury's muscles and grade.

    With no grade given, every grade is listed, since the user does not know which applies.
    """
    groups = []
    for muscle in injury.muscles.all():
        group = muscle.group
        if group and group.slug in GUIDE["ranges"] and group not in groups:
            groups.append(group)
    grades = [injury.grade] if injury.grade in GRADE_NAMES else list(GRADE_NAMES)
    return [
        (group.name, GRADE_NAMES[grade], GUIDE["ranges"][group.slug][grade])
        for group in groups
        for grade in grades
    ]
