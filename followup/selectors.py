"""Reads of a placement's life: who may see which placement, and what each party sees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import STAFF_ROLES, Role, User
from placements.models import Placement, PlacementStatus
from placements.selectors import known
from students.models import LearningProfile, Student

from .models import Agreement, ContactKind, ContactMoment, Party

# Stagepact: at least three contact moments per placement, at least one on site.
CONTACTS_NEEDED = 3
ON_SITE_NEEDED = 1
# Who reads signals (meldingen): never reviewers, never the company.
SIGNAL_READERS = frozenset({Role.COORDINATOR, Role.CARE_COORDINATOR})
# Who acts for the school: draws up and signs the POK, ends a placement, assigns bpv-docenten.
SCHOOL_SIGNERS = frozenset({Role.COORDINATOR, Role.INSTITUTION_ADMIN})


def visible_placements(now: dt.datetime | None = None) -> QuerySet[Placement]:
    """Placements the parties see: from the release moment (or approval) on."""
    return Placement.objects.filter(known(now)).select_related(
        "student__user", "student__programme", "company", "offer"
    )


def placements_of(user: User) -> QuerySet[Placement]:
    """The placements `user` may open: a student their own, a company contact those at their
    company, school staff every placement of their school (the scope)."""
    rows = visible_placements()
    if user.role == Role.STUDENT:
        return rows.filter(student__user=user)
    if user.role == Role.COMPANY_CONTACT:
        contact = getattr(user, "company_contact", None)
        return rows.filter(company_id=contact.company_id) if contact else rows.none()
    if user.role in STAFF_ROLES and user.institution_id is not None:
        return rows.filter(student__programme__institution_id=user.institution_id)
    return rows.none()


def placement_for(user: User, pk: int) -> Placement:
    placement = placements_of(user).filter(pk=pk).first()
    if placement is None:
        raise Http404
    return placement


def party_of(user: User) -> str:
    """The side `user` is on: "student", "company" or "school"."""
    if user.role == Role.STUDENT:
        return Party.STUDENT
    if user.role == Role.COMPANY_CONTACT:
        return Party.COMPANY
    return Party.SCHOOL


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def under_18_at_start(placement: Placement) -> bool:
    birth = placement.student.date_of_birth
    return birth is not None and age_on(birth, placement.start_date) < 18


def agreement_of(placement: Placement) -> Agreement | None:
    agreement = Agreement.objects.filter(placement=placement).prefetch_related("signatures").first()
    if agreement is not None:
        agreement.placement = placement  # its student, company and offer are loaded already
    return agreement


@dataclass(frozen=True)
class ContactCount:
    held: int
    on_site: int

    @property
    def enough(self) -> bool:
        return self.held >= CONTACTS_NEEDED and self.on_site >= ON_SITE_NEEDED


NEAR_END = dt.timedelta(days=14)


def behind(placement: Placement, count: ContactCount, on: dt.date) -> str | None:
    """Whether a placement is behind with its contact moments on day `on` (the rule of the
    bpv-docent's warning and of the coordinator's list): "third" past a third of its period
    without a held moment, "end" within two weeks of its end without three or without one on
    site; None otherwise, and for a placement that has not started, is over or has ended."""
    if placement.status != PlacementStatus.ACTIVE or on > placement.end_date:
        return None
    if on >= placement.end_date - NEAR_END and not count.enough:
        return "end"
    third = placement.start_date + (placement.end_date - placement.start_date) / 3
    if on >= third and count.held == 0:
        return "third"
    return None


def contact_count(placement: Placement) -> ContactCount:
    held = ContactMoment.objects.filter(placement=placement, held=True)
    return ContactCount(held.count(), held.filter(kind=ContactKind.ON_SITE).count())


def student_home_panel(student: Student, profile: LearningProfile | None) -> dict[str, Any]:
    """The student's placements to follow, each with what the student should know about it
    (`student_news.student_state`), and the school's contact (registered in `students.portal`).
    """
    from .services.student_news import student_state

    rows = placements_of(student.user).select_related("ending", "replaced_by")
    return {
        "followup_placements": [(p, student_state(p)) for p in rows.order_by("-start_date")[:3]],
        "school_contact": student.programme.institution.contact_email,
    }


def student_leave_panel(student: Student, profile: LearningProfile | None) -> dict[str, Any]:
    """On the student's staff page: that the student left the programme, or the form to
    record it (registered in `students.portal`; the view lets coordinators only)."""
    from .forms import StudentLeaveForm

    return {"student": student, "leave_form": None if student.left_on else StudentLeaveForm()}
