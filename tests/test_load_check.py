"""`make load`'s final check can fail: it finds a write stored twice, one stored but never sent,
a refused write that was stored, and it counts writes in flight at shutdown apart."""

from collections import Counter

from tests.load.check import check_user


def log(attempted, succeeded, refused=()):
    return {"attempted": list(attempted), "succeeded": list(succeeded), "refused": list(refused)}


def rows(entries=(), fluids=(), ice_started=0, ice_stopped=0):
    return {
        "entries": Counter(entries),
        "fluids": Counter(fluids),
        "ice_started": Counter({None: ice_started}),
        "ice_stopped": Counter({None: ice_stopped}),
    }


def test_a_clean_run_passes_with_a_write_in_flight_stored_or_not():
    writes = {
        "entries": log(["e1", "e2", "e3"], ["e1", "e2"]),  # e3 in flight
        "fluids": log([101, 102], [101], refused=[102]),
        "ice_started": log([1, 2], [1]),  # 2 in flight
    }
    for stored_e3, ice in ((True, 2), (False, 1)):
        entries = ["e1", "e2", "e3"] if stored_e3 else ["e1", "e2"]
        problems, succeeded, in_flight = check_user(
            "load-1", writes, rows(entries, [101], ice_started=ice)
        )
        assert problems == []
        assert (succeeded, in_flight) == (4, 2)


def test_a_doubled_a_lost_a_stray_and_a_refused_write_are_all_named():
    writes = {
        "entries": log(["e1", "e2"], ["e1", "e2"]),
        "fluids": log([101, 102], [101], refused=[102]),
        "ice_started": log([1], [1]),
    }
    problems, _, _ = check_user("load-1", writes, rows(["e1", "e1", "stray"], [102], ice_started=3))
    assert "load-1 entries e1: succeeded, stored 2 times" in problems
    assert "load-1 entries e2: succeeded, stored 0 times" in problems
    assert "load-1 entries stray: stored 1 times, never sent" in problems
    assert "load-1 fluids 101: succeeded, stored 0 times" in problems
    assert "load-1 fluids 102: refused, yet stored" in problems
    assert "load-1 ice_started: 1 succeeded, 0 in flight, 3 stored" in problems
