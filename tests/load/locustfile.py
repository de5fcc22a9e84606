"""Simulated users for `make load`: each signs in to its own account and goes through the
real flows. Every write is recorded, per user and kind, before it is sent (attempted) and when
its answer comes (succeeded or refused), in the JSON file named by LOAD_RESULTS, so that
`python -m tests.load.check` can compare it exactly with the database; a write still waiting
for its answer when the run stops is "in flight". Symptom entries carry a marker in their note
and drinks a marker in their amount, so each stored row is matched to the write that made it."""

import datetime as dt
import itertools
import json
import os
import re
import threading

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "load test passphrase 2026")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
numbers = itertools.count(1)
writes = {}  # {username: {kind: {"attempted": [key], "succeeded": [key], "refused": [key]}}}
lock = threading.Lock()


def record(username, kind, outcome, key):
    with lock:
        log = writes.setdefault(username, {}).setdefault(
            kind, {"attempted": [], "succeeded": [], "refused": []}
        )
        log[outcome].append(key)


class Patient(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.username = f"load-{next(numbers)}"
        page = self.client.get("/accounts/login/")
        token = TOKEN.search(page.text).group(1)
        response = self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
        )
        assert response.url.rstrip("/").endswith(self.host.rstrip("/")), "log-in failed"
        self.keys = itertools.count(1)
        self.injury = re.search(
            r'href="/injuries/(\d+)/"', self.client.get("/injuries/").text
        ).group(1)

    def post(self, path, data, name):
        token = self.client.cookies.get("csrftoken")
        return self.client.post(
            path,
            data,
            headers={"X-CSRFToken": token, "Referer": self.host + "/"},
            name=name,
            allow_redirects=False,
        )

    @task(4)
    def dashboard(self):
        self.client.get("/", name="dashboard")

    @task(2)
    def charts(self):
        self.client.get("/charts/", name="charts")

    def write(self, kind, key, path, data, name):
        """Send one write, recorded before it goes and when its answer comes."""
        record(self.username, kind, "attempted", key)
        response = self.post(path, data, name)
        record(self.username, kind, "succeeded" if response.status_code == 302 else "refused", key)
        return response

    @task(3)
    def log_symptom(self):
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M")  # the accounts use UTC
        key = f"load:{self.username}:{next(self.keys)}"
        self.write(
            "entries",
            key,
            f"/injuries/{self.injury}/entries/new/",
            {"pain": "4", "recorded_at": now, "notes": key},
            "log a symptom",
        )

    @task(3)
    def add_water(self):
        amount = 100 + next(self.keys)  # mL: unique per user, the drink's marker
        self.write(
            "fluids", amount, "/fluids/add/", {"amount": str(amount), "drink": "water"}, "add water"
        )

    @task(1)
    def ice(self):
        key = next(self.keys)
        data = {"minutes": "20", "barrier": "on", "start_anyway": "on"}
        start = self.write("ice_started", key, "/ice/start/", data, "start ice")
        session = re.search(r"/ice/(\d+)/", start.headers.get("Location", ""))
        if start.status_code != 302 or session is None:
            return
        self.write("ice_stopped", key, f"/ice/{session.group(1)}/stop/", {}, "stop ice")


@events.test_stop.add_listener
def write_results(environment, **kwargs):
    with lock, open(os.environ.get("LOAD_RESULTS", "load-successes.json"), "w") as out:
        json.dump(writes, out)
