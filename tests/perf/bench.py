"""Measures every main page and htmx endpoint for the demo user: server time, queries, size.

Runs in-process through Django's test client (full middleware, real database), beside a bare
baseline page measured in the same run. Prints a table and writes JSON. Not a test: it
asserts nothing, it reports. Run by `make bench`:
`python -m tests.perf.bench [--repeat 20] [--output bench-results.json] [--no-seed]`.
"""

import argparse
import gzip
import json
import os
import re
import statistics
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from recovery.management.commands.seed_demo import seed_demo  # noqa: E402
from recovery.models import IceSession  # noqa: E402
from recovery.treatments import ice  # noqa: E402
from tests.perf.pages import main_pages  # noqa: E402

SCRIPT_SRC = re.compile(r'<script[^>]+src="([^"]+)"')


def gzipped_js(html):
    """The compressed size of the scripts a page loads, from the collected static files."""
    total = 0
    for src in SCRIPT_SRC.findall(html):
        path = Path(settings.STATIC_ROOT) / src.removeprefix(settings.STATIC_URL).lstrip("/")
        if not path.exists():
            path = Path(settings.STATIC_ROOT) / src.split("/static/", 1)[-1]
        total += len(gzip.compress(path.read_bytes())) if path.exists() else 0
    return total


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class BenchFailed(Exception):
    """A page answered with an error: the figures would mean nothing."""


class Bench:
    def run(self, *, repeat, output, no_seed):
        if not no_seed:
            seed_demo(username="demo", days=365)
        user = get_user_model().objects.get(username="demo")
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        visitor = Client(HTTP_HOST="localhost")
        with override_settings(ROOT_URLCONF="tests.perf.urls"):
            pages = [
                ("bare page", "get", reverse("bench_bare"), None, False),
                ("log-in page", "get", reverse("login"), None, False),
                ("signed-in layout", "get", reverse("bench_baseline"), None, False),
            ]
            pages += main_pages(user)
            pages += [
                ("anatomy, visitor", "get", reverse("anatomy:overview"), None, False),
                ("muscle, visitor", "get", reverse("anatomy:muscle", args=["soleus"]), None, False),
            ]
            pages += self.ice_endpoints()
            rows = self.measure(client, pages, repeat, visitor)
        bare, login = rows[0], rows[1]
        for row in rows:
            row["x_bare"] = round(row["median_ms"] / bare["median_ms"], 1)
            row["x_login"] = round(row["median_ms"] / login["median_ms"], 2)
            row["p95_x_bare"] = round(row["p95_ms"] / bare["p95_ms"], 1)
            row["p95_x_login"] = round(row["p95_ms"] / login["p95_ms"], 2)
        self.print_table(rows, connection.vendor)
        result = {"database": connection.vendor, "repeat": repeat, "pages": rows}
        Path(output).write_text(json.dumps(result, indent=2))
        print(f"\nWritten to {output}.")

    def ice_endpoints(self):
        return [
            ("start ice", "post", reverse("ice_start"),
             {"minutes": "20", "barrier": "on", "start_anyway": "on"}, False),
            ("stop ice", "post", None, None, False),
        ]  # fmt: skip

    def prepare(self, name, url, client):
        """Untimed set-up: "start ice" needs no running session, "stop ice" needs one."""
        user = get_user_model().objects.get(username="demo")
        running = IceSession.objects.filter(user=user, status=IceSession.Status.RUNNING).first()
        if name == "start ice" and running is not None:
            ice.stop(running)
        if name == "stop ice":
            if running is None:
                running = ice.start(user=user)
            return reverse("ice_stop", args=[running.pk])
        return url

    def measure(self, client, pages, repeat, visitor):
        """Every page once per round, the baselines included, so that a machine that slows
        down for a while slows the baselines down with the pages; the first two rounds warm
        caches up and are not counted. The log-in page and the pages named "visitor" are
        requested as a visitor."""
        times = {page[0]: [] for page in pages}
        facts = {}
        for round_number in range(repeat + 2):
            for page in pages:
                who = visitor if page[0] == "log-in page" or "visitor" in page[0] else client
                elapsed, facts[page[0]] = self.request(who, page)
                if round_number >= 2:
                    times[page[0]].append(elapsed)
        return [
            {
                "page": name,
                "median_ms": round(statistics.median(times[name]), 2),
                "p95_ms": round(percentile(times[name], 0.95), 2),
                **facts[name],
            }
            for name in times
        ]

    def request(self, client, page):
        """One timed request: its server time in ms, and its queries and sizes."""
        name, method, url, data, htmx = page
        headers = {"HX-Request": "true"} if htmx else {}
        target = self.prepare(name, url, client)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = getattr(client, method)(target, data or {}, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code not in (200, 302):
            raise BenchFailed(f"{name}: {method.upper()} {target} gave {response.status_code}")
        ok = response.status_code == 200
        html = response.content.decode() if ok else ""
        return elapsed, {
            "queries": len(captured.captured_queries),
            "html_kb": round(len(response.content) / 1024, 1) if ok else 0.0,
            "js_gzip_kb": round(gzipped_js(html) / 1024, 1) if ok and not htmx else 0.0,
        }

    def print_table(self, rows, vendor):
        print(f"Database: {vendor}\n")
        header = f"{'page':<24}{'median ms':>10}{'p95 ms':>9}{'x bare':>8}{'x login':>9}"
        header += f"{'p95 x login':>12}{'queries':>9}{'HTML kB':>9}{'JS gz kB':>10}"
        print(header)
        for row in rows:
            print(
                f"{row['page']:<24}{row['median_ms']:>10}{row['p95_ms']:>9}{row['x_bare']:>8}"
                f"{row['x_login']:>9}{row['p95_x_login']:>12}{row['queries']:>9}"
                f"{row['html_kb']:>9}{row['js_gzip_kb']:>10}"
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--output", default="bench-results.json")
    parser.add_argument("--no-seed", action="store_true")
    options = parser.parse_args(argv)
    Bench().run(repeat=options.repeat, output=options.output, no_seed=options.no_seed)


if __name__ == "__main__":
    main()
