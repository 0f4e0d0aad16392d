"""Erase or pseudonymise one kind of data of given subjects: the one path for the daily purge
(`privacy.services.purge`), a handled erasure request and a deletion in the app or the admin.

Rows that are evidence stay: audit events, runs, matches and the placement ledger keep their
facts, and the student or contact in them becomes a stable pseudonym (the account is closed,
name, e-mail and number replaced). Only free text and details about the person are erased.
The raw deletes that would tear the history are refused by the models (`Match.profile`,
`LearningProfile.student`, `Student.user` and `CompanyContact.user` are PROTECT).
Each function records an `Erasure` per subject and skips subjects already recorded, so it can
run any number of times; it returns how many subjects it handled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import OutboxMessage, User
from companies.models import AgreementSignature, CompanyContact
from followup.models import (
    Agreement,
    ContactMoment,
    Ending,
    Evaluation,
    GuardianLink,
    IntroMeeting,
    Signal,
    Signature,
)
from matching.models import IntroMeeting as MatchIntroMeeting
from matching.models import Match, Objection, Replacement
from placements.models import Placement, PlacementBasis
from spreadsheets.models import ImportBatch
from students.models import LearningProfile, OwnPlacement, ProfileComment, Student, SupportNote

from ..models import Erasure, RightsRequest, Subject
from .pseudonyms import contact_pseudonym, erased_email, student_pseudonym

# What an erased text that may not be empty (a database check) reads from then on.
ERASED_TEXT = "[gewist]"


@dataclass(frozen=True)
class Erasing:
    """For whom and when: the school, the moment, and the request it answers (if any)."""

    institution_id: int
    now: dt.datetime
    request: RightsRequest | None = None


def _todo(ctx: Erasing, kind: str, subject: str, ids: Iterable[int]) -> list[int]:
    """The ids not yet erased for `kind`, now recorded as erased."""
    wanted = set(ids)
    done = set(
        Erasure.objects.filter(kind=kind, subject=subject, subject_id__in=wanted).values_list(
            "subject_id", flat=True
        )
    )
    todo = sorted(wanted - done)
    Erasure.objects.bulk_create(
        [
            Erasure(
                institution_id=ctx.institution_id,
                kind=kind,
                subject=subject,
                subject_id=pk,
                at=ctx.now,
                request=ctx.request,
            )
            for pk in todo
        ]
    )
    return todo


def _close_accounts(user_ids: list[int], emails: dict[int, str]) -> None:
    """Close the accounts: unusable password, inactive, no name, an address that cannot
    receive mail; their mail waiting in the outbox is dropped."""
    unusable = make_password(None)
    for user_id, email in emails.items():
        User.objects.filter(pk=user_id).update(
            email=email, full_name="", is_active=False, password=unusable, last_login=None
        )
    OutboxMessage.objects.filter(recipient_id__in=user_ids).delete()


@transaction.atomic
def erase_profile(*, ctx: Erasing, student_ids: Iterable[int]) -> int:
    """The learning wishes in the student's own words, comments on the profile, the reasons
    given for an own placement, and the wishes copied onto matches and placements. The
    objective profile stays (no name), and so does every run's input: the run output's
    hash covers the whole input, so changing it would break the replay. A run's input holds
    no name, e-mail or number, only the profile id (see docs/privacy.md)."""
    todo = _todo(ctx, "profile", Subject.STUDENT, student_ids)
    if not todo:
        return 0
    LearningProfile.objects.filter(student_id__in=todo).update(
        learning_wish_1="", learning_wish_2="", learning_wish_3=""
    )
    ProfileComment.objects.filter(profile__student_id__in=todo).delete()
    OwnPlacement.objects.filter(student_id__in=todo).update(reason="")
    Match.objects.filter(profile__student_id__in=todo).update(wishes={})
    Objection.objects.filter(match__profile__student_id__in=todo).update(reason="")
    # Why a re-placement went where it went (the database requires the text filled).
    Replacement.objects.filter(placement__student_id__in=todo).update(reason=ERASED_TEXT)
    PlacementBasis.objects.filter(placement__student_id__in=todo).update(wishes={})
    return len(todo)


@transaction.atomic
def erase_support(*, ctx: Erasing, student_ids: Iterable[int]) -> int:
    todo = _todo(ctx, "support", Subject.STUDENT, student_ids)
    SupportNote.objects.filter(student_id__in=todo).delete()
    return len(todo)


@transaction.atomic
def erase_identity(*, ctx: Erasing, student_ids: Iterable[int]) -> int:
    """The student becomes P-…: account closed, number replaced, birth date and parent or
    guardian erased. The rows stay, so the ledger, matches and figures stay whole."""
    todo = _todo(ctx, "identity", Subject.STUDENT, student_ids)
    if not todo:
        return 0
    users = dict(Student.objects.filter(pk__in=todo).values_list("pk", "user_id"))
    _close_accounts(
        list(users.values()),
        {user_id: erased_email(student_pseudonym(pk)) for pk, user_id in users.items()},
    )
    for pk in todo:
        Student.objects.filter(pk=pk).update(
            student_number=student_pseudonym(pk),
            date_of_birth=None,
            guardian_name="",
            guardian_email="",
            reminded_at=None,
        )
    RightsRequest.objects.filter(requester_id__in=users.values()).update(text="")
    return len(todo)


@transaction.atomic
def erase_contacts(*, ctx: Erasing, contact_ids: Iterable[int]) -> int:
    """The contact becomes C-…: account closed, job title erased, the name under the
    stagematching agreement replaced (the signature itself, a fact, stays)."""
    todo = _todo(ctx, "contact", Subject.CONTACT, contact_ids)
    if not todo:
        return 0
    users = dict(CompanyContact.objects.filter(pk__in=todo).values_list("pk", "user_id"))
    _close_accounts(
        list(users.values()),
        {user_id: erased_email(contact_pseudonym(pk)) for pk, user_id in users.items()},
    )
    CompanyContact.objects.filter(pk__in=todo).update(job_title="")
    for pk, user_id in users.items():
        AgreementSignature.objects.filter(signed_by_id=user_id).update(
            signer_name=contact_pseudonym(pk), signer_role=""
        )
    RightsRequest.objects.filter(requester_id__in=users.values()).update(text="")
    return len(todo)


@transaction.atomic
def erase_followup(*, ctx: Erasing, placement_ids: Iterable[int]) -> int:
    """Free text about a placement's life; dates, kinds, outcomes and scores stay."""
    todo = _todo(ctx, "followup", Subject.PLACEMENT, placement_ids)
    if not todo:
        return 0
    ContactMoment.objects.filter(placement_id__in=todo).update(notes="", participants="")
    IntroMeeting.objects.filter(placement_id__in=todo).update(
        note="", student_note="", outcome_text=""
    )
    MatchIntroMeeting.objects.filter(match__placement_id__in=todo).update(note="")
    Evaluation.objects.filter(placement_id__in=todo).update(remark="")
    Ending.objects.filter(placement_id__in=todo).update(text=ERASED_TEXT)
    Placement.objects.filter(pk__in=todo).update(end_reason="")
    return len(todo)


@transaction.atomic
def erase_signals(*, ctx: Erasing, signal_ids: Iterable[int]) -> int:
    todo = _todo(ctx, "signal", Subject.SIGNAL, signal_ids)
    Signal.objects.filter(pk__in=todo).update(what=ERASED_TEXT, when="", who_knows="", actions="")
    return len(todo)


@transaction.atomic
def erase_agreements(*, ctx: Erasing, agreement_ids: Iterable[int]) -> int:
    todo = _todo(ctx, "agreement", Subject.AGREEMENT, agreement_ids)
    Signature.objects.filter(agreement_id__in=todo).update(name="", role="")
    # What was sent (names of student and supervisors); the hash stays as proof.
    Agreement.objects.filter(pk__in=todo).update(snapshot={})
    GuardianLink.objects.filter(agreement_id__in=todo).delete()
    return len(todo)


@transaction.atomic
def erase_imports(*, ctx: Erasing, batch_ids: Iterable[int]) -> int:
    """The uploaded file and its rows (names, e-mail addresses); the summary counts stay."""
    todo = _todo(ctx, "import", Subject.IMPORT, batch_ids)
    ImportBatch.objects.filter(pk__in=todo).update(content=b"", rows=[], errors=[])
    return len(todo)
