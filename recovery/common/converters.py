import datetime as dt


class DateConverter:
    """A calendar day in a URL, as 2026-11-25."""

    regex = r"\d{4}-\d{2}-\d{2}"

    EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)  # the days a log can be on

    def to_python(self, value):
        day = dt.date.fromisoformat(value)  # an impossible date like 2026-02-30 raises: 404
        if not self.EARLIEST <= day <= self.LATEST:
            raise ValueError(f"{day} is outside the days a log can be on")  # 404 as well
        return day

    def to_url(self, value):
        return value if isinstance(value, str) else value.isoformat()
