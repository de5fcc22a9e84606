"""After `make load`: every write that got a success response is in the database exactly
once, and nothing else is. `python -m tests.load.check load-successes.json`"""

import argparse
import json
import sys

from tests.load.django_setup import setup


def problems_with(counted):
    """(problems, total writes checked) comparing the counted successes with the database."""
    from django.contrib.auth import get_user_model

    from recovery.models import FluidEntry, IceSession, SymptomEntry, Treatment

    problems = []
    total = 0
    for user in get_user_model().objects.filter(username__startswith="load-"):
        expected = counted.get(user.username, {})
        actual = {
            "entries": SymptomEntry.objects.filter(injury__user=user).count(),
            "fluids": FluidEntry.objects.filter(user=user).count(),
            "ice_started": IceSession.objects.filter(user=user).count(),
            "ice_stopped": Treatment.objects.filter(user=user, kind=Treatment.Kind.ICE).count(),
        }
        for kind, found in actual.items():
            wanted = expected.get(kind, 0)
            total += wanted
            if found != wanted:
                problems.append(f"{user.username} {kind}: {wanted} succeeded, {found} stored")
    return problems, total


def main(argv=None):
    parser = argparse.ArgumentParser(description="Compare the counted successes with the database.")
    parser.add_argument("successes")
    options = parser.parse_args(argv)
    setup()
    with open(options.successes) as source:
        problems, total = problems_with(json.load(source))
    if problems:
        sys.exit("Writes lost or doubled:\n" + "\n".join(problems))
    print(f"All {total} successful writes are stored exactly once; nothing else.")


if __name__ == "__main__":
    main()
