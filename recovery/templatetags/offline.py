"""What a page needs offline: whose it is, and the advice for each warning sign of an entry,
shown at once when an entry with one is kept on the device (the server's advice follows when
it syncs)."""

from django import template

from recovery.injuries import triage
from recovery.middleware import account_key as key_of

register = template.Library()


@register.filter
def account_key(user):
    return key_of(user)


@register.simple_tag(takes_context=True)
def offline_advice(context):
    """{"signs": {field: {level, label, text, source}}, "emergency": number, "urgent":
    number, "urgent_label"} from the same rules the server applies."""
    profile = context["user"].profile
    return {
        "signs": {
            name: {
                "level": int(level),
                "css": level.css,
                "label": level.label,
                "text": text,
                "source": triage.SOURCES[source],
            }
            for name, (level, text, source) in triage.WARNING_SIGNS.items()
        },
        "emergency": profile.emergency_number,
        "urgent": profile.urgent_care_number,
        "urgent_label": profile.urgent_care_label,
    }
