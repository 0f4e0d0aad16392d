"""Erasing one person now (a handled erasure request, or a deletion in the app or the admin):
the same erase-or-pseudonymise path as the daily purge, for everything of that person that
no document plan keeps. Signals and placement agreements stay until their own term (the
school keeps them for complaints and funding audits, AVG art. 17(3)); the purge takes them
then. Logged by count in the school's privacy log."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from companies.models import Company, CompanyContact, CompanyStatus
from placements.models import Placement
from students.models import Student

from ..models import PrivacyEvent, RightsRequest
from . import erase


@transaction.atomic
def student_erase(
    *,
    student: Student,
    by: User | None,
    now: dt.datetime | None = None,
    request: RightsRequest | None = None,
) -> dict[str, int]:
    now = now or timezone.now()
    school = student.programme.institution_id
    ctx = erase.Erasing(school, now, request)
    placements = list(Placement.objects.filter(student=student).values_list("pk", flat=True))
    counts = {
        "identity": erase.erase_identity(student_ids=[student.pk], ctx=ctx),
        "profile": erase.erase_profile(student_ids=[student.pk], ctx=ctx),
        "support": erase.erase_support(student_ids=[student.pk], ctx=ctx),
        "followup": erase.erase_followup(placement_ids=placements, ctx=ctx),
    }
    PrivacyEvent.objects.create(
        institution_id=school,
        actor=by,
        action="student_erased",
        counts=counts,
        request=request,
        at=now,
    )
    return counts


@transaction.atomic
def company_erase(
    *, company: Company, by: User | None, now: dt.datetime | None = None
) -> dict[str, int]:
    """A company "deleted" in the admin: its contacts are erased (pseudonymised) and it is set
    inactive; the company itself stays, because offers, matches and placements name it."""
    now = now or timezone.now()
    ctx = erase.Erasing(company.institution_id, now)
    contacts = list(CompanyContact.objects.filter(company=company).values_list("pk", flat=True))
    counts = {"contact": erase.erase_contacts(ctx=ctx, contact_ids=contacts)}
    Company.objects.filter(pk=company.pk).update(status=CompanyStatus.INACTIVE)
    PrivacyEvent.objects.create(
        institution_id=company.institution_id,
        actor=by,
        action="company_erased",
        counts=counts,
        at=now,
    )
    return counts


@transaction.atomic
def contact_erase(
    *,
    contact: CompanyContact,
    by: User | None,
    now: dt.datetime | None = None,
    request: RightsRequest | None = None,
) -> dict[str, int]:
    now = now or timezone.now()
    school = contact.company.institution_id
    counts = {
        "contact": erase.erase_contacts(
            ctx=erase.Erasing(school, now, request), contact_ids=[contact.pk]
        )
    }
    PrivacyEvent.objects.create(
        institution_id=school,
        actor=by,
        action="contact_erased",
        counts=counts,
        request=request,
        at=now,
    )
    return counts


def user_erase(*, user: User, by: User | None, now: dt.datetime | None = None) -> bool:
    """Erase a student's or company contact's account through the path above; False for
    anyone else (staff stay named in the records they made and are closed, not erased)."""
    student = Student.objects.filter(user=user).first()
    if student is not None:
        student_erase(student=student, by=by, now=now)
        return True
    contact = CompanyContact.objects.filter(user=user).first()
    if contact is not None:
        contact_erase(contact=contact, by=by, now=now)
        return True
    return False
