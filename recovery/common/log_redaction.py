"""Share-link tokens kept out of the logs. A token is the whole secret of a shared report, so
the access log (request lines and Referer) and Django's own request log write
`/shared/[redacted]/` in its place.

- `GunicornLogger`: gunicorn's logger with the access log's atoms redacted (`make serve`
  passes `--logger-class recovery.common.log_redaction.GunicornLogger`);
- `RedactSharedTokens`: a logging filter for the handlers in settings.LOGGING.
"""

import logging
import re

from gunicorn.glogging import Logger  # type: ignore[import-untyped]

SHARED_TOKEN = re.compile(r"(/shared/)[^/?#\s\"']+")


def redact(text):
    """The text with every share-link token replaced."""
    return SHARED_TOKEN.sub(r"\1[redacted]", text) if isinstance(text, str) else text


class GunicornLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        # Every atom: the request line and path, the Referer, and each header and environ value.
        return {
            key: redact(value)
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }


class RedactSharedTokens(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) for arg in record.args)
        return True
