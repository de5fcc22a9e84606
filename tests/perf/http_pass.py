"""The HTTP pass of `make bench`: gunicorn (2 workers, production settings) serving the bench
database, and 8 keep-alive connections requesting one page for 10 s, then the bare page for
10 s, page after page, so the machine's ups and downs hit both alike. Reports requests a second
side by side. A small threaded client stands in for a load tool: it is the same for every page,
so the ratios hold even where it, not the server, is the limit.

Run by `make bench` after the in-process pass: `python -m tests.perf.http_pass`."""

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from recovery.models import Injury  # noqa: E402

PAGES = ["log-in page", "dashboard", "log", "drinks", "charts 30", "injury page", "report",
         "anatomy"]  # fmt: skip


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def paths(user):
    injury = Injury.objects.filter(user=user).order_by("-onset_at").first()
    return {
        "log-in page": (reverse("login"), False),
        "dashboard": (reverse("home"), True),
        "log": (reverse("injuries"), True),
        "drinks": (reverse("fluids"), True),
        "charts 30": (f"{reverse('charts')}?range=30", True),
        "injury page": (injury.get_absolute_url(), True),
        "report": (reverse("report"), True),
        "anatomy": (reverse("anatomy:overview"), True),
    }


def hammer(port, path, cookie, seconds, connections):
    """Requests a second over `seconds`, from `connections` keep-alive connections."""
    done, failed = [0] * connections, [0] * connections
    stop = time.monotonic() + seconds
    headers = {"Host": "localhost", "Cookie": cookie} if cookie else {"Host": "localhost"}

    def worker(number):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    done[number] += 1
                else:
                    failed[number] += 1
            except (OSError, http.client.HTTPException):
                failed[number] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if sum(failed):
        raise SystemExit(f"{path}: {sum(failed)} requests failed; the figures would mean nothing.")
    return round(sum(done) / elapsed)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--output", default="bench-http.json")
    options = parser.parse_args(argv)
    user = get_user_model().objects.get(username="demo")
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [gunicorn, "tests.perf.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--log-level", "warning"],
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        bare = "/bench/bare/"
        hammer(port, bare, cookie, 1, options.connections)  # warm up
        rows = []
        for name, (path, signed_in) in paths(user).items():
            page_rps = hammer(
                port, path, cookie if signed_in else "", options.seconds, options.connections
            )
            bare_rps = hammer(port, bare, cookie, options.seconds, options.connections)
            rows.append({"page": name, "rps": page_rps, "bare_rps": bare_rps})
            print(f"{name:<16}{page_rps:>8} req/s   bare page{bare_rps:>8} req/s   "
                  f"{page_rps / bare_rps:>6.1%} of it")  # fmt: skip
        login = next(row["rps"] for row in rows if row["page"] == "log-in page")
        for row in rows:
            row["of_login"] = round(row["rps"] / login, 2)
        Path(options.output).write_text(json.dumps({"connections": options.connections,
                                                    "seconds": options.seconds, "pages": rows},
                                                   indent=2))  # fmt: skip
        print(f"\nWritten to {options.output}.")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
