"""An import running in a real worker process while other people log drinks: run by
test_concurrent_import.py in a process of its own, on the database DATABASE_URL names (an
SQLite file, or PostgreSQL), and prints what happened as JSON.

    python -m tests.accounts.concurrent_import --days 60 --writers 3
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--writers", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from recovery.accounts import export, tasks
    from recovery.management.commands.seed_demo import seed_demo
    from recovery.models import FluidEntry, ImportJob, Profile, SymptomEntry, get_profile

    users = get_user_model().objects
    seed_demo(username="source", days=args.days)
    document = json.dumps(export.collect(users.get(username="source"))).encode()
    mover = users.create_user("mover", password="not-used-here")
    writers = [
        users.create_user(f"writer{n}", password="not-used-here") for n in range(args.writers)
    ]
    for writer in writers:  # a glass is 250 mL
        Profile.objects.filter(pk=get_profile(writer).pk).update(fluid_units="metric")
    job = tasks.start_import(mover, document)
    connection.close()

    worker = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=os.environ,
    )
    outcomes, during = [], []

    def log_drinks(user):
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        while worker.poll() is None:
            running = ImportJob.objects.filter(pk=job.pk, status="running").exists()
            try:
                status = client.post("/fluids/add/", {"quick": "250"}).status_code
            except Exception as error:  # noqa: BLE001 - reported, the test fails on it
                status = f"{type(error).__name__}: {error}"
            outcomes.append(status)
            if running:
                during.append(status)
            time.sleep(0.02)
        connection.close()

    threads = [threading.Thread(target=log_drinks, args=(user,)) for user in writers]
    for thread in threads:
        thread.start()
    worker.wait(timeout=300)
    for thread in threads:
        thread.join()

    job.refresh_from_db()
    print(  # noqa: T201 - the result, for the test
        json.dumps(
            {
                "worker_exit": worker.returncode,
                "status": job.status,
                "message": job.message,
                "done_rows": job.done_rows,
                "total_rows": job.total_rows,
                "entries_imported": SymptomEntry.objects.filter(injury__user=mover).count(),
                "entries_exported": SymptomEntry.objects.filter(
                    injury__user__username="source"
                ).count(),
                "posts": len(outcomes),
                "posts_during_import": len(during),
                "refused": [o for o in outcomes if o != 302],
                "drinks_stored": FluidEntry.objects.filter(user__in=writers).count(),
            }
        )
    )


if __name__ == "__main__":
    main()
