"""Simulated users for `make load`: each signs in to its own account and goes through the
real flows. Every write that gets a success response is counted, per user, in the JSON file
named by LOAD_RESULTS, so `python -m tests.load.check` can compare it with the database."""

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
successes = {}
lock = threading.Lock()


def count(username, kind):
    with lock:
        successes.setdefault(username, {}).setdefault(kind, 0)
        successes[username][kind] += 1


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

    @task(3)
    def log_symptom(self):
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M")  # the accounts use UTC
        response = self.post(
            f"/injuries/{self.injury}/entries/new/",
            {"pain": "4", "recorded_at": now},
            "log a symptom",
        )
        if response.status_code == 302:
            count(self.username, "entries")

    @task(3)
    def add_water(self):
        response = self.post("/fluids/add/", {"quick": "250"}, "add water")
        if response.status_code == 302:
            count(self.username, "fluids")

    @task(1)
    def ice(self):
        start = self.post(
            "/ice/start/", {"minutes": "20", "barrier": "on", "start_anyway": "on"}, "start ice"
        )
        if start.status_code != 302 or "/ice/" not in start.headers.get("Location", ""):
            return
        session = re.search(r"/ice/(\d+)/", start.headers["Location"])
        if session is None:
            return
        count(self.username, "ice_started")
        stop = self.post(f"/ice/{session.group(1)}/stop/", {}, "stop ice")
        if stop.status_code == 302:
            count(self.username, "ice_stopped")


@events.test_stop.add_listener
def write_successes(environment, **kwargs):
    with open(os.environ.get("LOAD_RESULTS", "load-successes.json"), "w") as out:
        json.dump(successes, out)
