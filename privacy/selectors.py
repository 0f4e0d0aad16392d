"""Reads for the privacy pages: a company contact's own data, requests in the order a
coordinator works them (overdue first), and the register with the school's own terms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from accounts.models import Institution, User
from companies.models import AgreementSignature, CompanyContact
from followup.models import Evaluation
from students.models import LearningProfile, Student

from .kinds import KIND_BY_KEY, UNIT_LABELS
from .models import RequestStatus, RightsRequest
from .register import KEPT, REGISTER, Row
from .services.policy import policy_of


def _requests_data(user: User) -> list[dict[str, Any]]:
    return [
        {
            "kind": r.kind,
            "text": r.text,
            "status": r.status,
            "filed": r.created_at.isoformat(),
            "deadline": r.deadline.isoformat(),
            "reason": r.reason,
        }
        for r in RightsRequest.objects.filter(requester=user).order_by("created_at")
    ]


def contact_data_export(contact: CompanyContact) -> dict[str, Any]:
    """Everything stored about this company contact, for their AVG right of access (as the
    students' own download: `students.services.student_data_export`)."""
    user = contact.user
    return {
        "account": {
            "name": user.full_name,
            "email": user.email,
            "role": user.role,
            "created": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "last_seen": user.last_seen_at.isoformat() if user.last_seen_at else None,
        },
        "contact": {"company": contact.company.legal_name, "job_title": contact.job_title},
        "signatures": [
            {
                "version": s.version.version,
                "name": s.signer_name,
                "role": s.signer_role,
                "signed_at": s.signed_at.isoformat(),
            }
            for s in AgreementSignature.objects.filter(signed_by=user).select_related("version")
        ],
        "evaluations": [
            {
                "placement": e.placement_id,
                "match": e.match_score,
                "guidance": e.guidance_score,
                "objective": e.objective_score,
                "remark": e.remark,
                "answered_at": e.answered_at.isoformat(),
            }
            for e in Evaluation.objects.filter(user=user)
        ],
        "privacy_requests": _requests_data(user),
    }


def student_requests_section(student: Student, profile: LearningProfile | None) -> dict[str, Any]:
    """The student's own privacy requests in their data download."""
    return {"privacy_requests": _requests_data(student.user)}


def requests_for_work(now: dt.datetime) -> QuerySet[RightsRequest]:
    """Open requests first, the overdue ones on top, then by deadline; then the handled."""
    return (
        RightsRequest.objects.select_related("requester", "handled_by")
        .annotate(
            rank=Case(
                When(status=RequestStatus.OPEN, deadline__lt=now, then=Value(0)),
                When(status=RequestStatus.OPEN, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "deadline", "pk")
    )


@dataclass(frozen=True)
class RegisterLine:
    row: Row
    term: str


def term_text(key: str, amount: int) -> str:
    kind = KIND_BY_KEY[key]
    return f"{amount} {UNIT_LABELS[kind.unit]} {kind.start}; {kind.outcome}"


def register_lines(institution: Institution) -> list[RegisterLine]:
    policy = policy_of(institution)
    kept = _("Bewaard zolang de ronde bestaat; de student of contactpersoon wordt een pseudoniem")
    return [
        RegisterLine(
            row, kept if row.term == KEPT else term_text(row.term, getattr(policy, row.term))
        )
        for row in REGISTER
    ]
