"""The daily purge: per school, whatever passed its term (the school's `RetentionPolicy`, or
the defaults of `privacy.kinds`) is erased or pseudonymised through `privacy.services.erase`.

Idempotent: what was done is recorded (`Erasure`) and skipped the next time; a second run on
the same day changes nothing and logs nothing. Logged by count per kind, never by content.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Institution, OutboxMessage, OutboxStatus
from accounts.tenancy import each_school
from companies.models import CompanyContact, Offer
from followup.models import Agreement, Signal, SignalStatus
from matching.choices import RoundStatus
from matching.models import Match
from placements.models import Placement
from spreadsheets.models import ImportBatch
from students.models import OwnPlacementStatus, Student

from ..dates import cutoff
from ..kinds import DEFAULTS
from ..models import Erasure, PrivacyEvent, RetentionPolicy
from . import erase

logger = logging.getLogger(__name__)

DONE_MAIL = (OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.CANCELLED)


def policy_terms(institution: Institution) -> dict[str, int]:
    """The school's terms, the defaults where it set none."""
    policy = RetentionPolicy.objects.filter(institution=institution).first()
    if policy is None:
        return dict(DEFAULTS)
    return {key: getattr(policy, key) for key in DEFAULTS}


def _students_ended(on_or_before: dt.date) -> QuerySet[Student]:
    """Students who had a placement and whose last one ended on or before the date."""
    return Student.objects.annotate(
        last_end=Max(Coalesce("placements__ended_on", "placements__end_date"))
    ).filter(last_end__lte=on_or_before)


def _placements_ended(on_or_before: dt.date) -> QuerySet[Placement]:
    return Placement.objects.annotate(end=Coalesce("ended_on", "end_date")).filter(
        end__lte=on_or_before
    )


def _not_done(ids: Iterable[int], kind: str) -> list[int]:
    done = set(Erasure.objects.filter(kind=kind).values_list("subject_id", flat=True))
    return [pk for pk in ids if pk not in done]


def unplaced_students(before: dt.date) -> list[int]:
    """Students who never had a placement, are in no round still under way, have no own
    placement waiting for a decision, and were last active on or before `before` (login,
    the form, or the account's creation)."""
    in_round = Match.objects.exclude(
        round__status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED]
    ).values("profile__student")
    rows = (
        Student.objects.filter(placements__isnull=True)
        .exclude(pk__in=in_round)
        .exclude(own_placement__status=OwnPlacementStatus.PENDING)
        .values_list("pk", "user__last_login", "user__date_joined", "profile__updated_at")
    )
    due = []
    for pk, *moments in rows:
        last = max(timezone.localdate(m) for m in moments if m is not None)
        if last <= before:
            due.append(pk)
    return due


def inactive_contacts(before: dt.date) -> list[int]:
    """Contacts whose company had no placement, no offer running and no offer change after
    `before`, and who did not log in (or were created) after it."""
    recent_placement = Placement.objects.annotate(end=Coalesce("ended_on", "end_date")).filter(
        end__gt=before
    )
    recent_offer = Offer.objects.filter(Q(updated_at__date__gt=before) | Q(period_end__gt=before))
    rows = (
        CompanyContact.objects.exclude(company__in=recent_placement.values("company"))
        .exclude(company__in=recent_offer.values("company"))
        .values_list("pk", "user__last_login", "user__date_joined")
    )
    due = []
    for pk, *moments in rows:
        last = max(timezone.localdate(m) for m in moments if m is not None)
        if last <= before:
            due.append(pk)
    return due


def purge_school(institution: Institution, now: dt.datetime) -> dict[str, int]:
    """Apply one school's terms at `now` (its scope must be active); the counts per kind."""
    terms = policy_terms(institution)
    today = timezone.localdate(now)
    due = {key: cutoff(key, amount, today) for key, amount in terms.items()}
    ctx = erase.Erasing(institution.pk, now)
    counts: dict[str, int] = {}

    ended = _students_ended(due["profile_school_years"]).values_list("pk", flat=True)
    counts["profile"] = erase.erase_profile(student_ids=_not_done(ended, "profile"), ctx=ctx)
    ended = _students_ended(due["support_days"]).values_list("pk", flat=True)
    counts["support"] = erase.erase_support(student_ids=_not_done(ended, "support"), ctx=ctx)
    placements = _placements_ended(due["followup_months"]).values_list("pk", flat=True)
    counts["followup"] = erase.erase_followup(
        placement_ids=_not_done(placements, "followup"), ctx=ctx
    )
    signals = Signal.objects.filter(
        status=SignalStatus.CLOSED,
        placement__in=_placements_ended(due["signal_months"]),
    ).values_list("pk", flat=True)
    counts["signal"] = erase.erase_signals(signal_ids=_not_done(signals, "signal"), ctx=ctx)
    agreements = Agreement.objects.filter(
        placement__in=_placements_ended(due["agreement_months"])
    ).values_list("pk", flat=True)
    counts["agreement"] = erase.erase_agreements(
        agreement_ids=_not_done(agreements, "agreement"), ctx=ctx
    )
    ended = _students_ended(due["identity_months"]).values_list("pk", flat=True)
    counts["identity"] = erase.erase_identity(student_ids=_not_done(ended, "identity"), ctx=ctx)

    unplaced = _not_done(unplaced_students(due["unplaced_months"]), "identity")
    counts["unplaced"] = erase.erase_identity(student_ids=unplaced, ctx=ctx)
    erase.erase_profile(student_ids=_not_done(unplaced, "profile"), ctx=ctx)
    erase.erase_support(student_ids=_not_done(unplaced, "support"), ctx=ctx)

    contacts = _not_done(inactive_contacts(due["contact_years"]), "contact")
    counts["contact"] = erase.erase_contacts(contact_ids=contacts, ctx=ctx)

    mail_before = timezone.make_aware(
        dt.datetime.combine(due["mail_days"] + dt.timedelta(days=1), dt.time.min)
    )
    counts["mail"] = OutboxMessage.objects.filter(
        status__in=DONE_MAIL, created_at__lt=mail_before
    ).delete()[0]
    batches = ImportBatch.objects.filter(created_at__date__lte=due["import_days"]).values_list(
        "pk", flat=True
    )
    counts["import"] = erase.erase_imports(batch_ids=_not_done(batches, "import"), ctx=ctx)

    counts = {kind: n for kind, n in counts.items() if n}
    if counts:
        PrivacyEvent.objects.create(institution=institution, action="purge", counts=counts, at=now)
        logger.info("privacy purge school=%s counts=%s", institution.pk, counts)
    return counts


def purge(*, now: dt.datetime | None = None) -> dict[int, dict[str, int]]:
    """The daily purge over every school, each in its own scope; counts per school."""
    now = now or timezone.now()
    return {school.pk: purge_school(school, now) for school in each_school()}
