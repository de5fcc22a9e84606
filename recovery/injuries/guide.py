"""Typical recovery ranges and return-to-activity milestones (clinical rules, section 4)."""

import json
from dataclasses import dataclass
from pathlib import Path

GUIDE = json.loads((Path(__file__).resolve().parent / "data" / "recovery_guide.json").read_text())
MILESTONES = GUIDE["milestones"]
GRADE_NAMES = {"1": "grade I", "2": "grade II", "3": "grade III"}


@dataclass(frozen=True)
class RecoveryRow:
    group: str
    grade: str  # "" when the group has no sourced range
    range: str
    source: str


def typical_recovery(injury) -> list[RecoveryRow]:
    """Rows for the injury's muscle groups and grade; only for strains, tears and tennis leg.

    With no grade given, every grade is listed, since the user does not know which applies. A
    group without a sourced range gets one row saying so.
    """
    if not injury.is_strain:
        return []
    groups = []
    for muscle in injury.muscles.all():
        if muscle.group and muscle.group not in groups:
            groups.append(muscle.group)
    grades = [injury.grade] if injury.grade in GRADE_NAMES else list(GRADE_NAMES)
    rows = []
    for group in groups:
        ranges = GUIDE["ranges"].get(group.slug)
        if ranges is None:
            rows.append(RecoveryRow(group.name, "", GUIDE["no_range"], ""))
            continue
        rows.extend(
            RecoveryRow(group.name, GRADE_NAMES[grade], ranges[grade], ranges["source"])
            for grade in grades
        )
    return rows
