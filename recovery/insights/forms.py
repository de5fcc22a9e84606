"""The report's choices (which injury, which days) and a share link's lifetime."""

import datetime as dt

from django import forms
from django.utils import timezone

from recovery.injuries import advice
from recovery.insights import report
from recovery.models import SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS, give_muscle_names

MAX_RANGE_DAYS = 3660  # ten years


class ReportForm(forms.Form):
    injury = forms.ChoiceField(label="Injury", required=False)
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.injuries = give_muscle_names(advice.injuries_of(user))
        self.fields["injury"].choices = [("all", "All injuries")] + [
            (str(injury.pk), injury.title()) for injury in self.injuries
        ]

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("injury") or "all"
        injury = next((i for i in self.injuries if str(i.pk) == chosen), None)
        cleaned["injury_obj"] = injury
        today = timezone.localdate()
        default_start, default_end = report.default_days(injury, today)
        # An injury older than the longest range starts its default report that far back.
        default_start = max(default_start, default_end - dt.timedelta(days=MAX_RANGE_DAYS))
        start = cleaned.get("start") or default_start
        end = cleaned.get("end") or default_end
        if end > today:
            self.add_error("end", "Choose today or an earlier day.")
        if start > end:
            self.add_error("start", "The first day must be on or before the last day.")
        if (end - start).days > MAX_RANGE_DAYS:
            self.add_error("start", "Choose a range of at most ten years.")
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label="Link works for (days)",
        initial=SHARE_DEFAULT_DAYS,
        min_value=1,
        max_value=SHARE_MAX_DAYS,
        error_messages={
            "invalid": f"Enter a whole number of days from 1 to {SHARE_MAX_DAYS}.",
            "min_value": f"Enter a whole number of days from 1 to {SHARE_MAX_DAYS}.",
            "max_value": f"A link can work for at most {SHARE_MAX_DAYS} days.",
        },
    )
