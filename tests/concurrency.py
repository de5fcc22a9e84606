"""Two browser tabs doing the same thing at the same moment, for the PostgreSQL pass."""

import threading

from django.db import connection
from django.test import Client


def post_together(user, url, data=None, tabs=2):
    """POST `data` to `url` from `tabs` signed-in clients released at once; their statuses."""
    barrier = threading.Barrier(tabs)
    statuses = []

    def send():
        tab = Client()
        tab.force_login(user)
        barrier.wait()
        statuses.append(tab.post(url, data or {}).status_code)
        connection.close()  # each thread's own connection

    threads = [threading.Thread(target=send) for _ in range(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses
