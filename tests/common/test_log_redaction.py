"""Share-link tokens never reach a log: gunicorn's access log (request line, Referer) and
Django's request log write /shared/[redacted]/ instead."""

import datetime as dt
import logging

import pytest
from gunicorn.config import Config

from recovery.common.log_redaction import GunicornLogger, RedactSharedTokens, redact
from recovery.models import ShareLink

TOKEN = "Zk3_-abcDEF0123456789xyzXYZ0123456789abcd"


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (f"GET /shared/{TOKEN}/ HTTP/1.1", "GET /shared/[redacted]/ HTTP/1.1"),
        (f"https://site/shared/{TOKEN}/?print=1", "https://site/shared/[redacted]/?print=1"),
        (f"/shared/{TOKEN}", "/shared/[redacted]"),
        ("GET /report/ HTTP/1.1", "GET /report/ HTTP/1.1"),
        (None, None),
    ],
)
def test_a_token_is_replaced_wherever_it_appears(text, redacted):
    assert redact(text) == redacted


class Response:
    status = "200 OK"
    sent = 10
    headers = []


def test_the_access_log_writes_no_token():
    logger = GunicornLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/shared/{TOKEN}/",
        "PATH_INFO": f"/shared/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://example.org/shared/{TOKEN}/",
    }
    headers = [("REFERER", f"https://example.org/shared/{TOKEN}/")]
    atoms = logger.atoms(Response(), headers, environ, dt.timedelta(seconds=1))
    assert TOKEN not in " ".join(str(value) for value in atoms.values())
    assert atoms["r"] == "GET /shared/[redacted]/ HTTP/1.1"


@pytest.mark.django_db
def test_djangos_request_log_writes_no_token(client, owner, caplog):
    link = ShareLink.objects.create(
        user=owner,
        start_day=dt.date(2026, 11, 1),
        end_day=dt.date(2026, 11, 2),
        expires_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),  # expired: answered 410, logged
    )
    handler = logging.Handler()
    records = []
    handler.emit = records.append
    handler.addFilter(RedactSharedTokens())
    logging.getLogger("django.request").addHandler(handler)
    try:
        assert client.get(f"/shared/{link.token}/").status_code == 410
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    messages = [record.getMessage() for record in records]
    assert messages
    assert not [message for message in messages if link.token in message]
    assert any("/shared/[redacted]/" in message for message in messages)
