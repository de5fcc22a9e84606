"""Reminder settings and push subscriptions in the account's export, and back in an import:
checked as the reminders page and the browser's subscription are, before anything is written."""

from django.http import QueryDict

from recovery.models import PushSubscription, ReminderKind, ReminderSetting
from recovery.reminders import push
from recovery.reminders.due import default_setting
from recovery.reminders.forms import ReminderSettingForm


class Refused(ValueError):
    """A part of the file that cannot be imported; the message says which and why."""


def export(user) -> dict:
    return {
        "reminder_settings": [
            {
                "kind": one.kind,
                "enabled": one.enabled,
                "at": one.at.strftime("%H:%M") if one.at else None,
                "days": one.days,
                "by_email": one.by_email,
                "by_push": one.by_push,
            }
            for one in ReminderSetting.objects.filter(user=user).order_by("kind")
        ],
        "push_subscriptions": [
            subscription.as_info()
            for subscription in PushSubscription.objects.filter(user=user).order_by("pk")
        ],
    }


def _form_data(item) -> QueryDict:
    data = QueryDict(mutable=True)
    for name in ("enabled", "by_email", "by_push"):
        if item.get(name) is True:
            data[name] = "on"
        elif item.get(name) not in (False, None):
            raise Refused(f"'{name}' is true or false")
    if item.get("at") is not None:
        data["at"] = str(item["at"])
    days = item.get("days", "")
    if not isinstance(days, str):
        raise Refused("'days' is a string of weekday numbers, 0 (Monday) to 6")
    data.setlist("days", list(days))
    return data


def checked(user, data) -> tuple[list[ReminderSetting], list[tuple[str, str, str]]]:
    """The file's reminder settings (unsaved) and push subscriptions, checked; Refused says
    which is wrong. Files from before reminders have neither."""
    settings, kinds = [], set()
    for number, item in enumerate(data.get("reminder_settings", []), 1):
        what = f"Reminder setting {number}"
        if not isinstance(item, dict) or item.get("kind") not in ReminderKind.values:
            raise Refused(f"{what}: the kind of reminder is not one this app has.")
        if item["kind"] in kinds:
            raise Refused(f"{what}: the file has this kind of reminder twice.")
        kinds.add(item["kind"])
        try:
            form = ReminderSettingForm(
                _form_data(item), instance=default_setting(user, item["kind"]), user=user
            )
        except Refused as refused:
            raise Refused(f"{what}: {refused}.") from None
        if not form.is_valid():
            first = next(iter(form.errors.values()))[0]
            raise Refused(f"{what} ({form.instance.get_kind_display()}): {first}")
        settings.append(form.save(commit=False))
    subscriptions = []
    for number, item in enumerate(data.get("push_subscriptions", []), 1):
        found = push.checked_subscription(item)
        if found is None:
            raise Refused(
                f"Push subscription {number}: not one this app can use (an https push service "
                "address and its two keys)."
            )
        subscriptions.append(found)
    return settings, subscriptions


def save(user, settings, subscriptions) -> None:
    for setting in settings:
        ReminderSetting.objects.update_or_create(
            user=user,
            kind=setting.kind,
            defaults={
                name: getattr(setting, name)
                for name in ("enabled", "at", "days", "by_email", "by_push")
            },
        )
    for found in subscriptions:
        push.save_subscription(user, *found)
