"""After `make load`: compare every write the simulated users made with the database, exactly.
Drinks and symptom entries carry a marker (the amount, the note), so each stored row is matched
to its write: every write that succeeded is stored once, every stored row was attempted, and no
refused write is stored. Ice sessions and their stops have no marker and are counted: as many
stored as succeeded, plus at most those in flight. Writes still waiting for their answer when
the run stopped are counted apart (stored or not, once at most).

`python -m tests.load.check load-successes.json`"""

import argparse
import json
import sys
from collections import Counter

from tests.load.django_setup import setup

KINDS = ["entries", "fluids", "ice_started", "ice_stopped"]


def stored(user):
    """{kind: Counter of markers (or of None for the unmarked kinds)} of the user's rows."""
    from recovery.models import FluidEntry, IceSession, SymptomEntry, Treatment

    return {
        "entries": Counter(
            SymptomEntry.objects.filter(injury__user=user).values_list("notes", flat=True)
        ),
        "fluids": Counter(FluidEntry.objects.filter(user=user).values_list("amount_ml", flat=True)),
        "ice_started": Counter({None: IceSession.objects.filter(user=user).count()}),
        "ice_stopped": Counter(
            {None: Treatment.objects.filter(user=user, kind=Treatment.Kind.ICE).count()}
        ),
    }


def check_user(name, log, rows):
    """(problems, writes that succeeded, writes in flight) for one user."""
    problems, succeeded, in_flight = [], 0, 0
    for kind in KINDS:
        attempts = log.get(kind, {"attempted": [], "succeeded": [], "refused": []})
        done, refused = set(attempts["succeeded"]), set(attempts["refused"])
        flying = set(attempts["attempted"]) - done - refused
        succeeded += len(done)
        in_flight += len(flying)
        found = rows[kind]
        if kind in ("entries", "fluids"):
            for key in done:
                if found.get(key, 0) != 1:
                    problems.append(
                        f"{name} {kind} {key}: succeeded, stored {found.get(key, 0)} times"
                    )
            for key, times in found.items():
                if key not in attempts["attempted"]:
                    problems.append(f"{name} {kind} {key}: stored {times} times, never sent")
                elif key in refused:
                    problems.append(f"{name} {kind} {key}: refused, yet stored")
                elif key in flying and times > 1:
                    problems.append(f"{name} {kind} {key}: in flight, stored {times} times")
        else:
            count = found[None]
            if not len(done) <= count <= len(done) + len(flying):
                problems.append(
                    f"{name} {kind}: {len(done)} succeeded, {len(flying)} in flight, {count} stored"
                )
    return problems, succeeded, in_flight


def problems_with(writes):
    """(problems, writes that succeeded, writes in flight) over every load-test account."""
    from django.contrib.auth import get_user_model

    problems, succeeded, in_flight = [], 0, 0
    for user in get_user_model().objects.filter(username__startswith="load-"):
        found, done, flying = check_user(user.username, writes.get(user.username, {}), stored(user))
        problems += found
        succeeded += done
        in_flight += flying
    return problems, succeeded, in_flight


def main(argv=None):
    parser = argparse.ArgumentParser(description="Compare every write with the database.")
    parser.add_argument("results")
    options = parser.parse_args(argv)
    setup()
    with open(options.results) as source:
        problems, succeeded, in_flight = problems_with(json.load(source))
    if problems:
        sys.exit("Writes lost, doubled or unexplained:\n" + "\n".join(problems))
    print(
        f"All {succeeded} successful writes are stored exactly once, every stored row was sent, "
        f"no refused write is stored; {in_flight} in flight when the run stopped."
    )


if __name__ == "__main__":
    main()
