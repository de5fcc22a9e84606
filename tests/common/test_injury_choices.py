"""The injury picker of every log form: the owner's injuries by title, newest first, active
ones only where asked; another user's injury is refused like a typo."""

import datetime as dt

import pytest

from anatomy.models import Muscle
from recovery.forms import UserInjuryField
from recovery.habits.forms import StretchStartForm
from recovery.models import Injury

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def injury(user, days_ago, *slugs, status=Injury.Status.ACTIVE):
    resolved_on = NOON.date() if status == Injury.Status.RESOLVED else None
    made = Injury.objects.create(
        user=user,
        onset_at=NOON - dt.timedelta(days=days_ago),
        side="left",
        status=status,
        resolved_on=resolved_on,
    )
    made.muscles.set(Muscle.objects.filter(slug__in=slugs))
    return made


def test_the_choices_are_the_owners_injuries_newest_first_by_title(owner, other_user):
    old = injury(owner, 9, "soleus", status=Injury.Status.RESOLVED)
    new = injury(owner, 1, "sartorius", "gracilis")
    theirs = injury(other_user, 2, "soleus")
    every = UserInjuryField(owner)
    assert list(every.choices) == [
        ("", "No particular injury"),
        (new.pk, new.title()),
        (old.pk, old.title()),
    ]
    assert "Sartorius" in new.title()
    assert "Gracilis" in new.title()
    active = UserInjuryField(owner, active_only=True)
    assert [pk for pk, _ in active.choices] == ["", new.pk]
    assert every.clean(str(old.pk)) == old
    with pytest.raises(Exception, match="Choose one of your injuries"):
        every.clean(str(theirs.pk))
    with pytest.raises(Exception, match="Choose one of your injuries"):
        active.clean(str(old.pk))


def test_the_stretch_choices_are_every_stretch_in_the_reference_order(owner):
    from anatomy.models import Stretch

    form = StretchStartForm(user=owner)
    assert list(form.fields["stretch"].choices) == [(s.pk, s.name) for s in Stretch.objects.all()]
    assert len(form.fields["stretch"].choices) > 5


def test_a_submitted_choice_is_checked_without_listing_the_choices(
    owner, django_assert_num_queries
):
    mine = injury(owner, 1, "soleus")
    field = UserInjuryField(owner)
    with django_assert_num_queries(1):  # the check itself; the titles are for the page only
        assert field.clean(str(mine.pk)) == mine
    with django_assert_num_queries(2):  # listed once (the injuries, their muscles) ...
        assert len(list(field.choices)) == 2
    with django_assert_num_queries(0):  # ... and kept for the field's life
        assert len(field.choices) == 2
