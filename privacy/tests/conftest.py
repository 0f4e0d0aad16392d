"""A released round of one school, with a placement's whole life filled in (support note,
comment, contact moment, signal, agreement with a guardian link, mail, an import)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import OutboxMessage, OutboxStatus
from followup.models import Agreement, ContactMoment, GuardianLink, Signal, SignalStatus, Signature
from matching.models import Round, Run
from matching.services import review, rounds_release
from matching.tests.conftest import World, build_world, to_review
from placements.models import Placement
from spreadsheets.models import ImportBatch
from students.models import ProfileComment, Student, SupportNote

AMS = dt.timezone(dt.timedelta(hours=2))


def at(day: dt.date) -> dt.datetime:
    """Noon on `day` (the purge's `now`)."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=AMS)


@dataclass
class Released:
    world: World
    round: Round
    run: Run
    student: Student  # placed, with every kind of data
    placement: Placement
    signal: Signal
    agreement: Agreement


def release(world: World) -> Round:
    run = to_review(world)
    rnd = world.refresh()
    for match in rnd.matches.filter(offer__isnull=False):
        review.match_approve(match=match, by=world.reviewer2, opened=True)
        review.match_approve(match=match, by=world.coordinator, opened=True)
    rounds_release.round_approve(round=rnd, by=world.coordinator)
    rounds_release.round_release(round=rnd, at=timezone.now(), by=world.coordinator, confirmed=True)
    assert run.pk
    return world.refresh()


def fill_life(world: World, placement: Placement) -> tuple[Signal, Agreement]:
    student = placement.student
    student.date_of_birth = dt.date(2010, 3, 1)
    student.guardian_name = "Gerda Voogd"
    student.guardian_email = "gerda@example.nl"
    student.save()
    SupportNote.objects.create(student=student, text="Heeft rust nodig bij instructie")
    ProfileComment.objects.create(
        profile=student.profile, author=world.counsellor, text="Sterke motivatie, thuis lastig"
    )
    ContactMoment.objects.create(
        placement=placement,
        date=placement.start_date,
        kind="on_site",
        participants="Piet en Sam",
        notes="Sam had het zwaar thuis",
        held=True,
        by=world.coordinator,
    )
    signal = Signal.objects.create(
        placement=placement,
        reporter=student.user,
        what="Opmerking over afkomst door collega",
        when="week 3",
        who_knows="Kees",
        status=SignalStatus.CLOSED,
        actions="Gesprek met bedrijf",
    )
    agreement = Agreement.objects.create(
        placement=placement,
        total_hours=600,
        hours_per_week=32,
        days_per_week=4,
        assessment="x",
        guidance="y",
        early_end="z",
        needs_guardian=True,
        created_by=world.coordinator,
    )
    Signature.objects.create(agreement=agreement, party="student", name="Sam Student", role="s")
    GuardianLink.objects.create(
        agreement=agreement, email="gerda@example.nl", expires_at=timezone.now()
    )
    OutboxMessage.objects.create(
        recipient=student.user, kind="x", key="k", status=OutboxStatus.SENT, context={"n": "Sam"}
    )
    ImportBatch.objects.create(
        institution=world.round.institution,
        kind="students",
        filename="klas.xlsx",
        content=b"Sam Student;sam@example.nl",
        rows=[{"name": "Sam Student"}],
        summary={"created": 1},
        created_by=world.coordinator,
    )
    return signal, agreement


def build_released(n_students: int = 6) -> Released:
    world = build_world(n_students=n_students)
    rnd = release(world)
    placement = Placement.objects.filter(match__round=rnd).order_by("pk").first()
    assert placement is not None
    signal, agreement = fill_life(world, placement)
    run = rnd.chosen_run
    assert run is not None
    return Released(world, rnd, run, placement.student, placement, signal, agreement)


@pytest.fixture
def released(db: Any) -> Released:
    return build_released()
