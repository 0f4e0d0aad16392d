"""The daily purge: each kind of data goes at its term (time moved forward through `now`),
while the audit log, matches, the placement ledger, figures and replays stay the same."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutboxMessage
from followup.models import ContactMoment, GuardianLink, Signature
from matching.models import AuditEvent, Match, Run
from matching.selectors.fairness import group_labels
from matching.services import runs
from placements.models import Placement
from privacy.models import Erasure, PrivacyEvent, RetentionPolicy
from privacy.services.erase import ERASED_TEXT
from privacy.services.pseudonyms import student_pseudonym
from privacy.services.purge import purge
from privacy.tasks import privacy_purge_task
from spreadsheets.models import ImportBatch
from students.models import LearningProfile, ProfileComment, Student, SupportNote

from .conftest import Released, at, build_released

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def history(r: Released) -> dict[str, Any]:
    """Everything that must survive a purge unchanged."""
    rnd = r.round
    run = Run.objects.get(pk=r.run.pk)
    return {
        "audit": list(
            AuditEvent.objects.filter(round=rnd)
            .order_by("pk")
            .values_list("pk", "action", "match_id", "actor_id", "detail", "at")
        ),
        "matches": list(
            Match.objects.filter(round=rnd)
            .order_by("pk")
            .values_list("pk", "pseudonym", "profile_id", "offer_id", "score", "status")
        ),
        "ledger": list(
            Placement.objects.order_by("pk").values_list(
                "pk", "student_id", "company_id", "offer_id", "start_date", "end_date", "status"
            )
        ),
        "run": (run.output_sha256, run.output, run.quality, run.input_sha256, run.snapshot),
        "groups": group_labels(str(s["id"]) for s in run.snapshot["students"]),
        "students": Student.objects.count(),
        "profiles": LearningProfile.objects.count(),
    }


def kinds_present(r: Released) -> dict[str, bool]:
    student = Student.objects.select_related("user").get(pk=r.student.pk)
    contact = r.placement.company.contacts.select_related("user").get()
    profile = LearningProfile.objects.get(student=student)
    return {
        "import": ImportBatch.objects.exclude(content=b"").exists(),
        "mail": OutboxMessage.objects.filter(recipient=student.user, kind="x").exists(),
        "support": SupportNote.objects.filter(student=student).exists(),
        "followup": ContactMoment.objects.filter(placement=r.placement).exclude(notes="").exists(),
        "profile": bool(profile.learning_wish_1)
        and ProfileComment.objects.filter(profile=profile).exists(),
        # The wishes copied onto the placement (what the company saw) go with the profile.
        "profile copy": bool(Placement.objects.get(pk=r.placement.pk).wishes),
        "signal": type(r.signal).objects.get(pk=r.signal.pk).what not in ("", ERASED_TEXT),
        "identity": bool(student.user.full_name) and student.date_of_birth is not None,
        "contact": bool(contact.user.full_name),
        "agreement": Signature.objects.filter(agreement=r.agreement).exclude(name="").exists()
        and GuardianLink.objects.filter(agreement=r.agreement).exists(),
    }


def test_each_kind_goes_at_its_term_and_the_history_stays(released: Released) -> None:
    r = released
    end = r.placement.end_date
    assert end == dt.date(2027, 6, 30)
    today = timezone.localdate()
    terms: list[tuple[str, dt.date]] = [
        ("import", today + dt.timedelta(days=31)),  # 30 days after the upload
        ("mail", today + dt.timedelta(days=91)),  # 90 days after it was made
        ("support", dt.date(2027, 7, 1)),  # at the end of the placement
        ("followup", dt.date(2028, 7, 1)),  # 12 months after it
        ("profile", dt.date(2028, 8, 1)),  # the school year after the placement's
        ("profile copy", dt.date(2028, 8, 1)),
        ("signal", dt.date(2029, 7, 1)),  # 24 months
        ("identity", dt.date(2029, 7, 1)),  # 24 months
        ("contact", dt.date(2029, 7, 1)),  # 2 years without placement, offer or login
        ("agreement", dt.date(2034, 7, 1)),  # 84 months
    ]
    before = history(r)
    assert all(kinds_present(r).values())
    for due in sorted({d for _, d in terms}):
        kinds = [k for k, d in terms if d == due]
        purge(now=at(due - DAY))
        assert all(kinds_present(r)[k] for k in kinds), f"{kinds} went before the term"
        purge(now=at(due))
        assert not any(kinds_present(r)[k] for k in kinds), f"{kinds} stayed after the term"
    assert not any(kinds_present(r).values())

    assert history(r) == before
    student = Student.objects.select_related("user").get(pk=r.student.pk)
    assert student.student_number == student_pseudonym(student.pk)
    assert not student.user.is_active and not student.user.has_usable_password()
    assert student.user.email.endswith("@verwijderd.invalid")
    run = Run.objects.get(pk=r.run.pk)
    assert runs.run_replay(run=run, by=r.world.coordinator) is True


def test_the_purge_twice_changes_nothing_the_second_time(released: Released) -> None:
    moment = at(dt.date(2030, 1, 1))
    first = purge(now=moment)[released.round.institution_id]
    assert first["identity"] >= 1 and first["profile"] >= 1
    erasures, events = Erasure.objects.count(), PrivacyEvent.objects.count()
    state = history(released), kinds_present(released)
    assert purge(now=moment)[released.round.institution_id] == {}
    assert (Erasure.objects.count(), PrivacyEvent.objects.count()) == (erasures, events)
    assert (history(released), kinds_present(released)) == state


def test_the_purge_logs_counts_never_content(
    released: Released, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    purge(now=at(dt.date(2035, 1, 1)))
    event = PrivacyEvent.objects.get(action="purge")
    assert all(isinstance(n, int) for n in event.counts.values())
    assert "Sam" not in caplog.text and "Gerda" not in caplog.text
    assert "privacy purge" in caplog.text


def test_a_second_school_keeps_its_data_under_the_first_schools_short_terms() -> None:
    a, b = build_released(), build_released()
    RetentionPolicy.objects.create(
        institution=a.round.institution,
        profile_school_years=0,
        identity_months=0,
        followup_months=0,
        signal_months=0,
        agreement_months=0,
    )
    done = purge(now=at(dt.date(2027, 8, 1)))
    assert done[a.round.institution_id]["identity"] >= 1
    assert not any(kinds_present(a)[k] for k in ("identity", "profile", "signal", "agreement"))
    kept = kinds_present(b)
    assert kept["identity"] and kept["profile"] and kept["signal"] and kept["agreement"]
    assert not kept["support"]  # the default term (end of placement) also holds for b
    b_kinds = set(
        Erasure.objects.filter(institution=b.round.institution).values_list("kind", flat=True)
    )
    assert b_kinds == {"support", "import"}  # only what b's own (default) terms took


def test_the_daily_task_is_scheduled_and_runs(released: Released) -> None:
    schedule: dict[str, Any] = settings.CELERY_BEAT_SCHEDULE["privacy-purge"]
    assert schedule["task"] == "privacy.tasks.privacy_purge_task"
    assert privacy_purge_task.delay().get() == 0  # nothing has passed its term today


def test_the_public_page_shows_the_same_figures_after_the_purge(released: Released) -> None:
    url = reverse("matching:transparency", args=[released.round.institution.slug])

    def page() -> str:  # the figures, without the (per-response) CSRF token of the language form
        return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", Client().get(url).text)

    before = page()
    assert "%" in before or "<table" in before
    purge(now=at(dt.date(2035, 1, 1)))
    assert page() == before


def test_a_student_never_placed_is_pseudonymised_a_year_after_the_last_activity(
    released: Released,
) -> None:
    placed = set(Placement.objects.values_list("student_id", flat=True))
    unplaced = Student.objects.exclude(pk__in=placed).select_related("user").first()
    assert unplaced is not None
    last = timezone.localdate(unplaced.user.date_joined)
    purge(now=at(last + dt.timedelta(days=365)))
    unplaced.user.refresh_from_db()
    assert unplaced.user.is_active
    purge(now=at(last + dt.timedelta(days=367)))
    unplaced.refresh_from_db()
    assert unplaced.student_number == student_pseudonym(unplaced.pk)
    assert LearningProfile.objects.get(student=unplaced).learning_wish_1 == ""
