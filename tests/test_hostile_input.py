"""A catalogue of hostile input thrown at every form and htmx endpoint.

Each value goes into each field in turn, with valid values in the other fields. Whatever
happens: no response is a server error; a rejected submit keeps the valid text typed in
the other fields; anything stored is shown escaped.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from anatomy.models import Muscle, Region, Stretch
from recovery.models import Cramp, Injury, SymptomEntry, Treatment, get_profile

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
HOSTILE = [
    "",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "abc",
    "x" * 1_000_000,
    "😀🦵 عضلة הברך",
    SCRIPT,
    "'; DROP TABLE recovery_injury; --",
    '=HYPERLINK("http://example.com")',
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "2026-03-08T02:30",  # inside New York's spring-forward gap
    "-5000000",
    "\x00null\x00",
]
KEPT = "kept-typing-1234"
NEW_YORK = ZoneInfo("America/New_York")


def endpoints(injury):
    """{name: (url, valid data, the fields to attack, a text field whose value must be kept)}."""
    soleus = Muscle.objects.get(slug="soleus")
    # Forms read times in the owner's zone (New York here): a valid time is local and past.
    now = (dt.datetime.now(NEW_YORK) - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    stretch = Stretch.objects.first()
    return {
        "injury": (
            reverse("injury_new"),
            {"muscles": ["soleus"], "side": "left", "pain": "5", "kind": "strain",
             "onset_at": now, "cause": "unknown", "grade": "unknown", "notes": KEPT},
            ["muscles", "side", "pain", "kind", "onset_at", "grade", "region", "notes"],
            "notes",
        ),
        "entry": (
            reverse("entry_new", args=[injury.pk]),
            {"pain": "4", "recorded_at": now, "character": "dull", "notes": KEPT},
            ["pain", "recorded_at", "character", "notes"],
            "notes",
        ),
        "acknowledgement": (
            reverse("acknowledge", args=[injury.pk]),
            {"kind": "contacted", "at": now, "note": KEPT},
            ["kind", "at", "note"],
            "note",
        ),
        "treatment": (
            reverse("treatment_new"),
            {"kind": "medication", "detail": KEPT, "at": now, "duration_minutes": "10",
             "injury": str(injury.pk)},
            ["kind", "detail", "at", "duration_minutes", "injury"],
            "detail",
        ),
        "ice": (
            reverse("ice_start"),
            {"minutes": "20", "barrier": "on", "injury": str(injury.pk)},
            ["minutes", "injury"],
            None,
        ),
        "drink": (
            reverse("fluid_add"),
            {"amount": "250", "drink": "water", "at": now},
            ["amount", "at", "drink"],
            None,
        ),
        "cramp": (
            reverse("cramps"),
            {"when": "other", "started_at": now, "side": "left", "duration": "30",
             "duration_unit": "seconds", "pain": "5", "muscle": str(soleus.pk), "notes": KEPT},
            ["started_at", "duration", "duration_unit", "pain", "muscle", "when", "notes"],
            "notes",
        ),
        "stretch log": (
            reverse("stretch_log"),
            {"stretch": str(stretch.pk), "side": "both", "holds": "3", "hold_seconds": "30",
             "pain_during": "2", "at": now, "notes": KEPT},
            ["stretch", "holds", "hold_seconds", "pain_during", "at", "notes"],
            "notes",
        ),
        "guided stretch": (
            reverse("stretch_start"),
            {"stretch": str(stretch.pk), "side": "both", "holds": "3", "hold_seconds": "30",
             "rest_seconds": "15"},
            ["holds", "hold_seconds", "rest_seconds", "stretch"],
            None,
        ),
        "profile": (
            reverse("profile"),
            {"time_zone": "America/New_York", "fluid_units": "metric", "daily_fluid_goal": "2",
             "fluid_limit": "", "provider_name": KEPT, "provider_phone": "555 0100",
             "emergency_number": "911"},
            ["time_zone", "daily_fluid_goal", "fluid_limit", "provider_name", "provider_phone",
             "emergency_number", "fluid_units"],
            "provider_name",
        ),
        "share link": (
            reverse("share_create"),
            {"injury": str(injury.pk), "start": "2026-11-01", "end": "2026-11-02", "days": "7"},
            ["injury", "start", "end", "days"],
            None,
        ),
        "delete account": (
            reverse("delete_account"), {"password": "not-the-password"}, ["password"], None,
        ),
    }  # fmt: skip


ENDPOINTS = [
    "injury",
    "entry",
    "acknowledgement",
    "treatment",
    "ice",
    "drink",
    "cramp",
    "stretch log",
    "guided stretch",
    "profile",
    "share link",
    "delete account",
]
# Text that is hostile-looking but safe: stored as typed where the form has notes.
STORED_AS_TYPED = ["😀🦵 عضلة הברך", SCRIPT, "'; DROP TABLE recovery_injury; --"]
# The pages that show what each form stores (every injury's own page is checked too).
SHOWN_ON = {
    "injury": ["/", "/injuries/", "/charts/?range=all", "/report/"],
    "entry": ["/", "/charts/?range=all", "/charts/?range=7", "/report/"],
    "acknowledgement": ["/report/"],
    "treatment": ["/", "/treatments/", "/charts/?range=7", "/report/"],
    "ice": ["/", "/ice/", "/treatments/"],
    "drink": ["/", "/fluids/", "/charts/?range=7", "/cramps/"],
    "cramp": ["/", "/cramps/", "/charts/?range=all", "/report/"],
    "stretch log": ["/stretches/", "/charts/?range=7", "/report/"],
    "guided stretch": ["/stretches/"],
    "profile": ["/", "/fluids/", "/report/"],
    "share link": ["/report/"],
    "delete account": ["/"],
}


@pytest.fixture
def targets(owner, other_user):
    profile = get_profile(owner)
    profile.time_zone = "America/New_York"
    profile.save()
    injury = Injury.objects.create(
        user=owner, side="left", onset_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    )
    other_injury = Injury.objects.create(user=other_user, side="right", onset_at=injury.onset_at)
    return endpoints(injury), other_injury


def test_the_catalogue_names_every_endpoint(targets):
    assert sorted(targets[0]) == sorted(ENDPOINTS) == sorted(SHOWN_ON)


def test_the_catalogue_starts_from_data_that_is_accepted(owner_client, targets):
    # Otherwise every hostile value would be rejected for the wrong reason, and nothing
    # hostile would ever be stored and shown again.
    endpoints_, _ = targets
    for name, (url, valid, _, _) in endpoints_.items():
        if name == "delete account":
            continue  # its "valid" data is a wrong username, on purpose
        response = owner_client.post(url, valid)
        assert response.status_code == 302, f"{url}: {response.status_code}"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_no_hostile_value_in_any_field_breaks_a_page_or_loses_what_was_typed(
    owner_client, owner, targets, endpoint
):
    endpoints_, other_injury = targets
    url, valid, fields, kept_field = endpoints_[endpoint]
    for field in fields:
        # Another user's injury is one more hostile value for an injury field.
        values = HOSTILE + [str(other_injury.pk)] if field == "injury" else HOSTILE
        for value in values:
            data = {**valid, field: value}
            # htmx variants only where the page submits with htmx.
            for htmx in (False, True) if endpoint in ("entry", "drink") else (False,):
                headers = {"HX-Request": "true"} if htmx else {}
                response = owner_client.post(url, data, headers=headers)
                where = f"{url} {field}={value[:30]!r} htmx={htmx}"
                assert response.status_code < 500, where
                if response.status_code in (200, 400) and kept_field and kept_field != field:
                    assert KEPT in response.content.decode(), f"lost typing: {where}"
                if response.status_code in (200, 400):
                    assert SCRIPT not in response.content.decode(), f"unescaped: {where}"
    # Safe but hostile-looking text was stored as typed ...
    stored = {
        "entry": SymptomEntry.objects.filter(injury__user=owner),
        "cramp": Cramp.objects.filter(user=owner),
    }.get(endpoint)
    if stored is not None:
        for text in STORED_AS_TYPED:
            assert stored.filter(notes=text).exists(), text
        assert not stored.filter(notes="x" * 1_000_000).exists()
    assert not Treatment.objects.filter(injury=other_injury).exists()
    # ... and whatever was accepted, the pages that show it still render, escaped.
    for page in SHOWN_ON[endpoint]:
        response = owner_client.get(page, follow=True)  # the ice page opens a running timer
        assert response.status_code == 200, page
        assert SCRIPT not in response.content.decode(), page
    assert owner_client.get("/accounts/data/export/").status_code == 200
    for injury in Injury.objects.filter(user=owner):
        body = owner_client.get(injury.get_absolute_url()).content.decode()
        assert SCRIPT not in body


def test_what_was_stored_renders_escaped_everywhere(owner_client, owner):
    injury = Injury.objects.create(
        user=owner, side="left", onset_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
        notes=SCRIPT,
    )  # fmt: skip
    injury.entries.create(recorded_at=injury.onset_at, pain=3, notes=SCRIPT)
    injury.acknowledgements.create(kind="got_care", at=injury.onset_at, note=SCRIPT)
    profile = get_profile(owner)
    profile.provider_name = SCRIPT
    profile.save()
    for url in [
        injury.get_absolute_url(),
        "/",
        reverse("report") + f"?injury={injury.pk}",
        reverse("charts"),
        reverse("profile"),
    ]:
        body = owner_client.get(url).content.decode()
        assert SCRIPT not in body, url


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_get_parameters_are_harmless(owner_client, owner, value):
    for url in [reverse("anatomy:search"), reverse("charts"), reverse("report"), reverse("ice")]:
        for param in ("q", "range", "injury", "start", "end", "page"):
            response = owner_client.get(url, {param: value[:5000]})
            assert response.status_code < 500, f"{url}?{param}"
            assert SCRIPT not in response.content.decode()


def test_a_muscle_or_region_that_does_not_exist_is_a_field_message(owner_client):
    data = {"muscles": [], "not_sure": "on", "region": str(Region.objects.count() + 99),
            "side": "left", "pain": "3"}  # fmt: skip
    body = owner_client.post(reverse("injury_new"), data).content.decode()
    assert "Select a valid choice" in body


@pytest.mark.parametrize(
    "url",
    [
        "/fluids/9999-12-31/",
        "/fluids/0001-01-01/",
        "/fluids/1899-12-31/",
        "/report/?start=0001-01-01",
        "/report/?start=0001-01-01&end=0001-01-02",
        "/report/?start=9999-12-31",
        "/shared/%00/",
        "/shared/..%2F/",
    ],
)
def test_crafted_urls_get_a_clear_page_east_of_utc(owner_client, owner, url):
    profile = get_profile(owner)
    profile.time_zone = "Pacific/Kiritimati"  # UTC+14: the earliest day's start overflows
    profile.save()
    response = owner_client.get(url)
    assert response.status_code in (200, 400, 404), url
    assert "<h1>" in response.content.decode()


def test_a_share_link_for_the_earliest_day_shows_its_page(owner_client, owner, client):
    from recovery.models import ShareLink

    profile = get_profile(owner)
    profile.time_zone = "Pacific/Kiritimati"
    profile.save()
    owner_client.post(
        "/report/share/",
        {"injury": "all", "start": "0001-01-01", "end": "0001-01-02", "days": "7"},
    )
    for link in ShareLink.objects.filter(user=owner):
        assert client.get(f"/shared/{link.token}/").status_code == 200


def test_the_report_of_an_injury_older_than_ten_years_starts_ten_years_back(owner_client, owner):
    injury = Injury.objects.create(
        user=owner, side="left", onset_at=dt.datetime(2010, 1, 1, tzinfo=dt.UTC)
    )
    response = owner_client.get(f"/report/?injury={injury.pk}")
    assert response.status_code == 200
    report = response.context["report"]
    assert (report["end_day"] - report["start_day"]).days == 3660
