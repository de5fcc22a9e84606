"""A programme in the export file, and every programme row the import writes held to the same
rules as the targets form."""

import json

import pytest
import time_machine

from recovery.accounts import export
from recovery.accounts.importer import ImportRefused
from recovery.models import ProgrammeExercise
from tests.accounts.test_export import NOW, log_everything
from tests.tasks import import_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_the_export_holds_each_injurys_programme_with_its_targets(owner, pinned):
    log_everything(owner, pinned)
    programme = export.collect(owner)["injuries"][0]["programme"]
    assert [item["exercise"] for item in programme] == ["calf-hold-isometric", "split-squat"]
    assert programme[0] | {"added_at": None} == {
        "exercise": "calf-hold-isometric", "added_at": None, "sets": 5, "reps": None,
        "hold_seconds": 30, "load_kg": None, "rest_seconds": 60, "days_per_week": 3,
    }  # fmt: skip
    assert programme[1]["load_kg"] == 12.5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reps": 10000}, "reps: Enter from 1 to 100 repetitions (or steps) per set."),
        ({"load_kg": 501}, "load_kg: Added load is from 0 to 500 kg"),
        ({"load_kg": -1}, "load_kg: Added load is from 0 to 500 kg"),
        ({"hold_seconds": 601, "reps": None, "exercise": "wall-sit"}, "10 minutes"),
        ({"exercise": "moonwalk"}, "not in this app's library: moonwalk"),
    ],
)
def test_an_imported_programme_row_out_of_range_is_refused_by_name(
    owner,
    other_user,
    pinned,
    change,
    message,
):
    log_everything(owner, pinned)
    data = export.collect(owner)
    data["injuries"][0]["programme"][1].update(change)
    with pytest.raises(ImportRefused) as refused:
        import_now(other_user, json.dumps(data).encode())
    assert "programme" in str(refused.value)
    assert message in str(refused.value)
    assert not ProgrammeExercise.objects.filter(injury__user=other_user).exists()


def test_the_same_exercise_twice_in_a_file_is_refused(owner, other_user, pinned):
    log_everything(owner, pinned)
    data = export.collect(owner)
    programme = data["injuries"][0]["programme"]
    programme.append(dict(programme[0]))
    with pytest.raises(ImportRefused) as refused:
        import_now(other_user, json.dumps(data).encode())
    assert "the programme has this exercise already." in str(refused.value)


def test_an_export_from_before_programmes_still_imports(owner, other_user, pinned):
    log_everything(owner, pinned)
    data = export.collect(owner)
    del data["injuries"][0]["programme"]
    import_now(other_user, json.dumps(data).encode())
    assert not ProgrammeExercise.objects.filter(injury__user=other_user).exists()
