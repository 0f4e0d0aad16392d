"""Every field a student or company fills in is used as documented, or is not collected.

Each field of the learning profile and of an offer is either read by the engine bridge (and
then changing it changes the engine input) or is listed here as information for people, with
the reason. A new field must be put in one of the two lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any, cast

import pytest
from django.db.models import Model

from catalog.models import Elective, OrganisationType
from catalog.tests.factories import PlaceFactory
from companies.models import Offer
from companies.tests.factories import OfferFactory
from programmes.tests.factories import WorkProcessFactory
from students.engine_bridge import offer_profile, offer_profiles, offer_rows, student_profile
from students.models import LearningProfile, SupportNote, WishedWorkProcess
from students.tests.conftest import School

# Read by the engine (students/engine_bridge.py).
PROFILE_ENGINE = {
    "student",  # programme: crebo and level
    "work_processes",
    "organisation_types",
    "electives",
    "home_place",
    "transport_mode",
    "max_travel_minutes",
    "extra_places",
    "available_from",
    "available_until",
    "hours_per_week",
    "unavailable_days",
    "needs_extra_supervision",
}
# Information for people, never for the score.
PROFILE_INFO = {
    "id": "key",
    "status": "whether the form is submitted (who takes part)",
    "learning_wish_1": "free text for the company and the school, not scored by default",
    "learning_wish_2": "free text for the company and the school, not scored by default",
    "learning_wish_3": "free text for the company and the school, not scored by default",
    "submitted_at": "bookkeeping",
    "updated_at": "bookkeeping",
}
OFFER_ENGINE = {
    "company",  # organisation type
    "programme",
    "period_start",
    "period_end",
    "capacity",
    "work_processes",
    "electives",
    "learning_text",  # only when a round switches text similarity on
    "activities",  # idem
    "extra_supervision_possible",
    "hours_per_week",
    "working_days",
    "location",
    "wheelchair_accessible",
}
OFFER_INFO = {
    "id": "key",
    "status": "published or not (which offers take part)",
    "supervision": "shown to students and the school",
    "supervision_hours": "shown to students and the school",
    "extra_supervision_text": "shown to the care coordinator and the school",
    "near_public_transport": "shown to students",
    "presentation": "shown to students",
    "text_flags": "the wording check",
    "text_flags_version": "the wording check",
    "text_blocking": "the wording check",
    "text_accepted_by": "the wording check",
    "text_accepted_reason": "the wording check",
    "text_accepted_at": "the wording check",
    "updated_at": "bookkeeping",
}


def _own_fields(model: type[Model]) -> set[str]:
    return {
        f.name
        for f in model._meta.get_fields()
        if f.concrete or (f.many_to_many and not f.auto_created)
    }


def test_every_profile_field_is_used_or_information() -> None:
    assert _own_fields(LearningProfile) == PROFILE_ENGINE | set(PROFILE_INFO)
    assert "postcode_digits" not in _own_fields(LearningProfile)


def test_every_offer_field_is_used_or_information() -> None:
    assert _own_fields(Offer) == OFFER_ENGINE | set(OFFER_INFO)


@pytest.mark.django_db
def test_each_engine_field_of_a_profile_reaches_the_engine(school: School) -> None:
    profile = LearningProfile.objects.create(
        student=school.student,
        home_place=school.nijmegen,
        transport_mode="bike",
        max_travel_minutes=30,
        available_from=dt.date(2027, 2, 1),
        available_until=dt.date(2027, 6, 30),
        hours_per_week=32,
    )
    base = asdict(cast(Any, student_profile(profile)))
    elective = Elective.objects.create(code="K0080", name="Ondernemen")
    org = OrganisationType.objects.create(slug="ict", name="ICT")
    changes = {
        "work_processes": lambda: WishedWorkProcess.objects.create(
            profile=profile, work_process=school.wps[0], rank=1
        ),
        "organisation_types": lambda: profile.organisation_types.add(org),
        "electives": lambda: profile.electives.add(elective),
        "extra_places": lambda: profile.extra_places.add(PlaceFactory.create()),
        "home_place": lambda: setattr(profile, "home_place", school.wijchen),
        "transport_mode": lambda: setattr(profile, "transport_mode", "car"),
        "max_travel_minutes": lambda: setattr(profile, "max_travel_minutes", 45),
        "available_from": lambda: setattr(profile, "available_from", dt.date(2027, 3, 1)),
        "available_until": lambda: setattr(profile, "available_until", dt.date(2027, 5, 1)),
        "hours_per_week": lambda: setattr(profile, "hours_per_week", 24),
        "unavailable_days": lambda: setattr(profile, "unavailable_days", [4]),
        "needs_extra_supervision": lambda: setattr(profile, "needs_extra_supervision", True),
    }
    assert set(changes) | {"student"} == PROFILE_ENGINE
    for name, change in changes.items():
        change()
        profile.save()
        profile = LearningProfile.objects.get(pk=profile.pk)
        now = asdict(cast(Any, student_profile(profile)))
        assert now != base, name
        base = now
    # The step-free-access need lives with the care coordinator and reaches the engine only as
    # an anonymous requirement.
    SupportNote.objects.create(
        student=school.student, text="Rolstoel sinds een ongeluk", needs_step_free_access=True
    )
    profile = LearningProfile.objects.get(pk=profile.pk)
    engine_view = student_profile(profile)
    assert engine_view is not None and engine_view.needs_step_free_access
    assert "Rolstoel" not in str(asdict(engine_view))


@pytest.mark.django_db
def test_each_engine_field_of_an_offer_reaches_the_engine() -> None:
    offer = OfferFactory.create(working_days=[0, 1, 2, 3, 4])
    base = asdict(offer_profile(offer))
    elective = Elective.objects.create(code="K0125", name="Verdieping")
    offer.programme.electives.add(elective)
    offer.electives.add(elective)
    offer.working_days = [0, 1, 2]
    offer.wheelchair_accessible = not offer.wheelchair_accessible
    offer.save()
    now = asdict(offer_profile(Offer.objects.get(pk=offer.pk)))
    assert now["electives"] == frozenset({"K0125"}) and base["electives"] == frozenset()
    assert now["working_days"] == frozenset({0, 1, 2})
    assert now["step_free_access"] != base["step_free_access"]


@pytest.mark.django_db
def test_an_offer_read_as_a_row_gives_the_engine_what_its_object_gives() -> None:
    """Rounds and the preference page read offers as rows (`offer_rows`), other pages as
    objects: both views are the same, with the offer's own location and without one."""
    own_place = OfferFactory.create(working_days=[1, 3], activities="Klanten helpen")
    elsewhere = OfferFactory.create(location=PlaceFactory.create(), wheelchair_accessible=True)
    own_place.work_processes.add(WorkProcessFactory.create(), WorkProcessFactory.create())
    elective = Elective.objects.create(code="K0126", name="Verdieping")
    elsewhere.programme.electives.add(elective)
    elsewhere.electives.add(elective)
    offers = Offer.objects.filter(pk__in=[own_place.pk, elsewhere.pk])
    from_rows = offer_profiles(offer_rows(offers))
    from_objects = [offer_profile(o) for o in offers.order_by("pk")]
    assert from_rows == from_objects
    assert from_rows[1].place == str(elsewhere.location_id) != str(elsewhere.company.place_id)
    assert from_rows[1].electives == frozenset({"K0126"})
    assert len(from_rows[0].work_processes) == 2
    assert from_rows[0].learning_text.endswith("Klanten helpen")
    with pytest.raises(ValueError):
        offer_profile(offer_rows(offers)[0])  # a row without its codes would lose them
