"""Export, import and deleting the account, in a real Chromium; and axe on the remaining
signed-in pages."""

import datetime as dt
import json
import zipfile

import pytest
import time_machine
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from recovery.models import FluidEntry, ImportJob, Injury, ShareLink
from tests.browser import PASSWORD, BrowserPage, assert_accessible, log_in
from tests.tasks import run_queued_tasks

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_export_then_import_into_a_new_account(browser_page, owner, other_user, tmp_path):
    page = browser_page.page
    FluidEntry.objects.create(user=owner, at=dt.datetime.now(dt.UTC), amount_ml=330)
    log_in(browser_page, then="/accounts/data/")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    archive_path = tmp_path / "export.zip"
    download_info.value.save_as(archive_path)
    with zipfile.ZipFile(archive_path) as archive:
        document = archive.read("data.json")
    assert json.loads(document)["fluids"][0]["amount_ml"] == 330
    (tmp_path / "data.json").write_bytes(document)

    page.get_by_role("button", name="Log out").click()
    log_in(browser_page, "bob")
    browser_page.goto("/accounts/data/")
    page.get_by_label("The data.json file from an export").set_input_files(tmp_path / "data.json")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_label("Waiting to start")).to_be_visible()  # the progress bar
    assert_accessible(page)
    page.evaluate("window.sameDocument = true")
    run_queued_tasks()  # the worker's turn
    expect(page.get_by_text("Your data was imported: 1 record.")).to_be_visible()
    # said once to a screen reader, by a live region that stays put while the part is replaced
    expect(page.locator("#import-announcement")).to_have_text("Your data was imported.")
    assert page.evaluate("window.sameDocument")  # updated in place, not reloaded
    assert FluidEntry.objects.get(user=other_user).amount_ml == 330
    assert_accessible(page)

    browser_page.goto("/accounts/data/")
    page.get_by_label("The data.json file from an export").set_input_files(tmp_path / "data.json")
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#id_file_error")).to_contain_text("no logs yet")
    assert_accessible(page)


def test_cancelling_an_import_that_stopped(browser_page, owner):
    page = browser_page.page
    job = ImportJob.objects.create(user=owner, status="running", total_rows=400, done_rows=200)
    ImportJob.objects.filter(pk=job.pk).update(
        updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=6)
    )
    log_in(browser_page, then="/accounts/data/")
    expect(page.get_by_label("Importing")).to_have_attribute("value", "50")
    expect(page.get_by_text("has not moved for 5 minutes")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Cancel the import").click()
    expect(page.locator(".message-error")).to_contain_text("You cancelled the import")
    expect(page.get_by_label("The data.json file from an export")).to_be_visible()
    assert ImportJob.objects.get(pk=job.pk).status == "failed"


def test_deleting_the_account_after_typing_the_password(browser_page, owner):
    page = browser_page.page
    Injury.objects.create(user=owner, side="left", onset_at=dt.datetime.now(dt.UTC))
    log_in(browser_page, then="/accounts/data/")
    page.get_by_role("link", name="Delete my account").click()
    assert_accessible(page)
    page.get_by_label("Your password, to confirm").fill("alice")
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.locator("#id_password_error")).to_contain_text("That is not your password")
    page.get_by_label("Your password, to confirm").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.get_by_text("have been deleted")).to_be_visible()
    assert not get_user_model().objects.filter(username="alice").exists()
    assert not Injury.objects.exists()


def test_a_share_link_stops_working_when_it_expires(browser, browser_page, live_server, owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=dt.datetime.now(dt.UTC))
    start = dt.datetime.now(dt.UTC)
    link = ShareLink.objects.create(
        user=owner,
        injury=injury,
        start_day=start.date(),
        end_day=start.date(),
        expires_at=start + dt.timedelta(days=7),
    )
    provider = browser.new_context()
    provider_page = BrowserPage(provider.new_page(), live_server.url)
    with time_machine.travel(start + dt.timedelta(days=6, hours=23), tick=True):
        assert provider_page.goto(link.get_absolute_url()).status == 200
    with time_machine.travel(start + dt.timedelta(days=7, minutes=1), tick=True):
        response = provider_page.goto(link.get_absolute_url())
        assert response.status == 410
        expect(provider_page.page.get_by_role("heading", level=1)).to_have_text(
            "This link has expired"
        )
    provider.close()


@pytest.mark.parametrize(
    "path",
    [
        "/injuries/",
        "/injuries/new/",
        "/ice/",
        "/treatments/",
        "/treatments/new/",
        "/fluids/history/",
        f"/fluids/{dt.date.today().isoformat()}/",
        "/charts/",
        "/report/",
    ],
)
def test_signed_in_pages_pass_axe_with_no_csp_violations(browser_page, owner, path):
    assert log_in(browser_page, then=path).status == 200
    assert_accessible(browser_page.page)


def test_edit_pages_pass_axe_with_no_csp_violations(browser_page, owner):
    from anatomy.models import Stretch
    from recovery.models import Cramp, StretchSession, Treatment

    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(user=owner, side="left", onset_at=now - dt.timedelta(days=1))
    entry = injury.entries.create(recorded_at=now, pain=4)
    drink = FluidEntry.objects.create(user=owner, at=now, amount_ml=250)
    cramp = Cramp.objects.create(
        user=owner, started_at=now, side="left", duration_seconds=40, pain=5
    )
    treatment = Treatment.objects.create(user=owner, kind="massage", at=now)
    stretch = StretchSession.objects.create(
        user=owner, stretch=Stretch.objects.first(), holds=2, holds_done=2, hold_seconds=30,
        at=now, status="done",
    )  # fmt: skip
    log_in(browser_page)
    for path in [
        f"/injuries/{injury.pk}/edit/",
        f"/entries/{entry.pk}/edit/",
        f"/entries/{entry.pk}/delete/",
        f"/fluids/entries/{drink.pk}/edit/",
        f"/cramps/{cramp.pk}/edit/",
        f"/treatments/{treatment.pk}/edit/",
        f"/treatments/{treatment.pk}/delete/",
        f"/stretches/{stretch.pk}/",
        f"/stretches/{stretch.pk}/edit/",
    ]:
        assert browser_page.goto(path).status == 200, path
        assert_accessible(browser_page.page)
