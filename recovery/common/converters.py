import datetime as dt


class DateConverter:
    """A calendar day in a URL, as 2026-11-25."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return dt.date.fromisoformat(value)  # an impossible date like 2026-02-30 raises: 404

    def to_url(self, value):
        return value if isinstance(value, str) else value.isoformat()
