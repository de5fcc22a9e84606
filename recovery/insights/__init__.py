"""Insights from the logs: Today (the dashboard), streaks, the advice banner, charts, and the
provider report with its share links."""
