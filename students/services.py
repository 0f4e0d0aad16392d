"""Writes and workflows around the learning-wish form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage, Role, User
from companies.models import Company
from programmes.models import WorkProcess

from .models import (
    LearningProfile,
    OwnPlacement,
    OwnPlacementStatus,
    ProfileChange,
    ProfileComment,
    ProfileStatus,
    Student,
    SupportNote,
    WishedWorkProcess,
)
from .portal import export_sections, intake_closes_at, intake_open, profile_lock

REMINDER_INTERVAL = dt.timedelta(days=1)
PROFILE_FIELDS = [
    "learning_wish_1",
    "learning_wish_2",
    "learning_wish_3",
    "home_place_id",
    "transport_mode",
    "max_travel_minutes",
    "available_from",
    "available_until",
    "hours_per_week",
    "unavailable_days",
    "needs_extra_supervision",
]


def _save_support_note(student: Student, profile: LearningProfile, data: dict[str, Any]) -> None:
    """The note (with a support need) and the step-free-access need, for the care coordinator
    only; without either there is no note."""
    existing = SupportNote.objects.filter(student=student).first()
    text = ""
    if profile.needs_extra_supervision:
        text = (data.get("support_note") or "").strip() or (existing.text if existing else "")
    if "needs_step_free_access" in data:
        access = bool(data["needs_step_free_access"])
    else:  # staff helping with the form: they neither see nor change it
        access = bool(existing and existing.needs_step_free_access)
    if text or access:
        SupportNote.objects.update_or_create(
            student=student, defaults={"text": text, "needs_step_free_access": access}
        )
    elif existing is not None:
        existing.delete()


def profile_deadline(student: Student, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the student's form closes: the intake date of their programme in the planning
    (`students.portal.intake_closes_at`, the one rule for intake dates)."""
    return intake_closes_at(
        student.programme.institution_id, [student.programme_id], now or timezone.now()
    )


def profile_frozen(student: Student, now: dt.datetime | None = None) -> str | None:
    """Why the form is frozen for the student now (a round that includes them is between
    intake and release, or they are placed), or None. Registered by the apps above."""
    return profile_lock(student, now or timezone.now())


def profile_is_open(student: Student, now: dt.datetime | None = None) -> bool:
    """The student may edit: nothing freezes the form, and the deadline has not passed or a
    round is taking in forms for them (a follow-up round for a student without a placement)."""
    now = now or timezone.now()
    if profile_lock(student, now):
        return False
    deadline = profile_deadline(student, now)
    return deadline is None or now <= deadline or intake_open(student, now)


def _closed_message(student: Student) -> str:
    return profile_frozen(student) or _(
        "De deadline is voorbij: je kunt je leerwensen niet meer wijzigen. Vraag je "
        "slb'er als er iets niet klopt."
    )


def _may_edit(student: Student, by: User) -> bool:
    """The student while the form is open; staff always (their changes while it is closed or
    frozen are logged as such)."""
    if by.role == Role.STUDENT:
        return by.pk == student.user_id and profile_is_open(student)
    return by.is_school_staff


def _snapshot(profile: LearningProfile) -> dict[str, Any]:
    snap = {f: getattr(profile, f) for f in PROFILE_FIELDS}
    if profile.pk:
        snap["work_processes"] = list(
            profile.wishes.order_by("rank").values_list("work_process_id", flat=True)
        )
        snap["organisation_types"] = sorted(profile.organisation_types.values_list("pk", flat=True))
        snap["electives"] = sorted(profile.electives.values_list("pk", flat=True))
        snap["extra_places"] = sorted(profile.extra_places.values_list("pk", flat=True))
    return snap


@transaction.atomic
def profile_save(
    *, student: Student, data: dict[str, Any], by: User, submit: bool
) -> LearningProfile:
    """Save the form's cleaned data as draft, or submit it. Raises ValidationError when closed.

    Every save records who changed which fields (a counsellor helping is attributed), and
    whether it happened after the deadline.
    """
    if not _may_edit(student, by):
        raise ValidationError(_closed_message(student))
    frozen = bool(profile_frozen(student))
    profile, _created = LearningProfile.objects.select_for_update().get_or_create(student=student)
    before = _snapshot(profile)
    for name in (
        "learning_wish_1",
        "learning_wish_2",
        "learning_wish_3",
        "transport_mode",
        "max_travel_minutes",
        "available_from",
        "available_until",
        "hours_per_week",
        "needs_extra_supervision",
        "home_place",
    ):
        # The form's cleaned data holds the right empty value per field ("", None or False).
        setattr(profile, name, data.get(name))
    profile.unavailable_days = sorted(data.get("unavailable_days") or [])
    if submit:
        profile.status = ProfileStatus.SUBMITTED
        profile.submitted_at = timezone.now()
    elif profile.status in (ProfileStatus.NOT_STARTED, ProfileStatus.SUBMITTED):
        profile.status = ProfileStatus.DRAFT
    profile.full_clean(exclude=["student"])
    profile.save()
    allowed = set(
        WorkProcess.objects.filter(core_task__programme=student.programme_id).values_list(
            "pk", flat=True
        )
    )
    wp_ids = [w for w in data.get("work_process_ids", []) if w in allowed][:5]
    profile.wishes.all().delete()
    WishedWorkProcess.objects.bulk_create(
        [
            WishedWorkProcess(profile=profile, work_process_id=w, rank=r)
            for r, w in enumerate(wp_ids, start=1)
        ]
    )
    profile.organisation_types.set(data.get("organisation_types") or [])
    profile.electives.set(data.get("electives") or [])
    profile.extra_places.set(data.get("extra_places") or [])
    _save_support_note(student, profile, data)
    after = _snapshot(profile)
    changed = sorted(k for k in after if before.get(k) != after[k])
    ProfileChange.objects.create(
        profile=profile,
        changed_by=by,
        fields=changed,
        action="submit" if submit else "save",
        after_deadline=not profile_is_open(student),
        frozen=frozen,
    )
    return profile


@transaction.atomic
def profile_opt_out(
    *, student: Student, company: Company, period_start: dt.date, period_end: dt.date, by: User
) -> OwnPlacement:
    """The student finds their own placement: they leave the allocation, pending approval."""
    if not _may_edit(student, by):
        raise ValidationError(_closed_message(student))
    placement, _created = OwnPlacement.objects.update_or_create(
        student=student,
        defaults={
            "company": company,
            "period_start": period_start,
            "period_end": period_end,
            "status": OwnPlacementStatus.PENDING,
            "reason": "",
            "decided_by": None,
            "decided_at": None,
        },
    )
    placement.full_clean()
    profile, _created = LearningProfile.objects.get_or_create(student=student)
    profile.status = ProfileStatus.OPTED_OUT
    profile.submitted_at = timezone.now()
    profile.save(update_fields=["status", "submitted_at", "updated_at"])
    ProfileChange.objects.create(
        profile=profile,
        changed_by=by,
        fields=["own_placement"],
        action="opt_out",
        after_deadline=not profile_is_open(student),
    )
    return placement


@transaction.atomic
def profile_opt_in(*, student: Student, by: User) -> None:
    """Back into the allocation (only while the own placement is not approved)."""
    if not _may_edit(student, by):
        raise ValidationError(_closed_message(student))
    OwnPlacement.objects.filter(student=student).exclude(
        status=OwnPlacementStatus.APPROVED
    ).delete()
    if OwnPlacement.objects.filter(student=student).exists():
        raise ValidationError(
            _("Je eigen stageplek is al goedgekeurd. Neem contact op met je bpv-coördinator.")
        )
    # A student who never opened the form has no profile yet: opting in starts one.
    profile, _created = LearningProfile.objects.get_or_create(student=student)
    profile.status = ProfileStatus.DRAFT
    profile.save(update_fields=["status", "updated_at"])
    ProfileChange.objects.create(
        profile=profile, changed_by=by, fields=["own_placement"], action="opt_in"
    )


@transaction.atomic
def comment_add(*, student: Student, author: User, text: str) -> ProfileComment:
    """A staff member's comment on the student's learning profile (created when missing)."""
    profile, _created = LearningProfile.objects.get_or_create(student=student)
    comment = ProfileComment(profile=profile, author=author, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


def students_not_done(qs: Any) -> Any:
    return qs.filter(
        Q(profile__isnull=True)
        | Q(profile__status__in=[ProfileStatus.NOT_STARTED, ProfileStatus.DRAFT])
    )


def reminders_schedule(*, student_ids: list[int], now: dt.datetime | None = None) -> int:
    """Queue a reminder e-mail for each student who had none in the last 24 hours. Returns how
    many were queued; a worker sends them. A double click or two coordinators at once send
    one a day: the outbox keeps one message per student and day."""
    now = now or timezone.now()
    due = Student.objects.filter(pk__in=student_ids, left_on__isnull=True).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMINDER_INTERVAL)
    )
    claimed = list(due.values_list("pk", "user_id"))
    Student.objects.filter(pk__in=[pk for pk, _user in claimed]).update(reminded_at=now)
    return outbox.enqueue_many(
        outbox.Mail(
            recipient_id=user_id,
            kind="reminder",
            key=f"reminder:{pk}:{now:%Y-%m-%d}",
            context={"student": pk},
        )
        for pk, user_id in claimed
    )


def reminder_render(message: OutboxMessage) -> tuple[str, str] | None:
    student = Student.objects.filter(pk=message.context.get("student")).first()
    if student is None or student.left_on is not None:  # left the programme meanwhile
        return None
    context = {
        "student": student,
        "deadline": profile_deadline(student),
        "site_url": settings.SITE_URL,
    }
    return (
        _("Herinnering: vul je leerwensen in voor je stage"),
        render_to_string("students/reminder_email.txt", context),
    )


def student_data_export(student: Student) -> dict[str, Any]:
    """Everything stored about this student, for their AVG right of access."""
    user = student.user
    profile = getattr(student, "profile", None)
    data: dict[str, Any] = {
        "account": {
            "name": user.full_name,
            "email": user.email,
            "role": user.role,
            "created": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "last_seen": user.last_seen_at.isoformat() if user.last_seen_at else None,
        },
        "student": {
            "student_number": student.student_number,
            "programme": student.programme.name,
            "crebo": student.programme.crebo,
            "pathway": student.programme.pathway,
            "cohort": student.cohort,
            "counsellor": student.counsellor.full_name if student.counsellor else None,
            "last_reminder": student.reminded_at.isoformat() if student.reminded_at else None,
            "left_on": student.left_on.isoformat() if student.left_on else None,
        },
    }
    if profile is not None:
        data["learning_profile"] = {
            "status": profile.status,
            "learning_wishes": profile.learning_wishes,
            "work_processes": [
                f"{w.work_process.code} {w.work_process.name}"
                for w in profile.wishes.select_related("work_process")
            ],
            "organisation_types": [t.name for t in profile.organisation_types.all()],
            "electives": [f"{e.code} {e.name}" for e in profile.electives.all()],
            "home_place": str(profile.home_place) if profile.home_place else None,
            "transport_mode": profile.transport_mode,
            "max_travel_minutes": profile.max_travel_minutes,
            "extra_places": [str(p) for p in profile.extra_places.all()],
            "available_from": profile.available_from.isoformat()
            if profile.available_from
            else None,
            "available_until": profile.available_until.isoformat()
            if profile.available_until
            else None,
            "hours_per_week": profile.hours_per_week,
            "unavailable_days": profile.unavailable_days,
            "needs_extra_supervision": profile.needs_extra_supervision,
            "submitted_at": profile.submitted_at.isoformat() if profile.submitted_at else None,
            "comments": [
                {
                    "by": str(c.author) if c.author else None,
                    "at": c.created_at.isoformat(),
                    "text": c.text,
                }
                for c in profile.comments.select_related("author")
            ],
            "changes": [
                {
                    "by": str(c.changed_by) if c.changed_by else None,
                    "at": c.changed_at.isoformat(),
                    "fields": c.fields,
                    "action": c.action,
                }
                for c in profile.changes.select_related("changed_by")
            ],
        }
    note = getattr(student, "support_note", None)
    if note is not None:
        data["support_note"] = note.text
        data["needs_step_free_access"] = note.needs_step_free_access
    # Apps above students add their part (matching: the released match, from the release
    # moment on, like every other route).
    data.update(export_sections(student, profile))
    placement = getattr(student, "own_placement", None)
    if placement is not None:
        data["own_placement"] = {
            "company": placement.company.legal_name,
            "from": placement.period_start.isoformat(),
            "until": placement.period_end.isoformat(),
            "status": placement.status,
            "reason": placement.reason,
        }
    return data
