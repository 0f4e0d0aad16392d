"""Review with four eyes: approvals, reviewers' objections, moves, revealing an identity."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import Approval, Match, MatchStatus, RoundCapacity, RoundStatus
from matching.selectors.review import alternatives, approvable

from .audit import audit

APPROVALS_NEEDED = 2


def _editable(match: Match) -> None:
    match.round.refresh_from_db(fields=["status"])
    if match.round.status != RoundStatus.REVIEW:
        raise ValidationError(
            _("Beoordelen kan alleen zolang de ronde in de fase 'Beoordeling' is.")
        )


@transaction.atomic
def match_approve(*, match: Match, by: User) -> Match:
    """Approve once per person; whoever changed the match cannot be its second approver."""
    match = Match.objects.select_for_update().select_related("round").get(pk=match.pk)
    _editable(match)
    if match.offer_id is None:
        raise ValidationError(_("Een student zonder plek heeft geen match om goed te keuren."))
    others = match.approvals.exclude(by=by).count()
    if match.approvals.filter(by=by).exists():
        raise ValidationError(
            _("Je hebt deze match al goedgekeurd; een tweede persoon moet dat ook doen.")
        )
    if match.changed_by_id == by.pk and others >= 1:
        raise ValidationError(
            _("Je hebt deze match zelf gewijzigd; een ander moet hem als tweede goedkeuren.")
        )
    Approval.objects.create(match=match, by=by)
    if others + 1 >= APPROVALS_NEEDED:
        match.status = MatchStatus.APPROVED
        match.save(update_fields=["status"])
    audit(match.round, by, "approved", match=match)
    return match


def match_bulk_approve(*, qs: QuerySet[Match], by: User) -> int:
    """Approve every match in `qs` that `by` may approve; returns how many were approved."""
    n = 0
    for match in approvable(qs, by):
        try:
            match_approve(match=match, by=by)
            n += 1
        except ValidationError:
            continue
    return n


@transaction.atomic
def match_object(*, match: Match, by: User, reason: str) -> None:
    """A reviewer objects to a proposed match: its approvals are cleared."""
    if not reason.strip():
        raise ValidationError(_("Schrijf waarom je bezwaar maakt."))
    match = Match.objects.select_for_update().select_related("round").get(pk=match.pk)
    _editable(match)
    match.status = MatchStatus.OBJECTED
    match.objection = reason.strip()
    match.save(update_fields=["status", "objection"])
    match.approvals.all().delete()
    audit(match.round, by, "objected", match=match, reason=reason.strip())


@transaction.atomic
def match_move(*, match: Match, offer_id: int, by: User, justification: str) -> Match:
    """Move a student to another eligible offer. The offer row is locked, so two reviewers can
    never fill the same last place at the same time."""
    if not justification.strip():
        raise ValidationError(_("Schrijf waarom je deze student verplaatst."))
    match = Match.objects.select_for_update().select_related("round").get(pk=match.pk)
    _editable(match)
    option = next((a for a in alternatives(match) if a["offer_id"] == offer_id), None)
    if option is None:
        raise ValidationError(
            _("Dit aanbod past niet bij deze student (niet geschikt volgens de harde regels).")
        )
    # Claim the place in the database: the UPDATE only succeeds while used < capacity.
    claimed = RoundCapacity.objects.filter(
        round=match.round, offer_id=offer_id, used__lt=F("capacity")
    ).update(used=F("used") + 1)
    if not claimed:
        raise ValidationError(_("Dit aanbod is vol. Kies een ander aanbod."))
    previous = match.offer_id
    if previous:
        RoundCapacity.objects.filter(round=match.round, offer_id=previous).update(
            used=F("used") - 1
        )
    pair = option["pair"]
    match.offer_id = offer_id
    match.score = pair.score
    match.explanation = pair.as_dict()
    match.unplaced_reason = {}
    match.status = MatchStatus.PROPOSED
    match.changed_by = by
    match.change_justification = justification.strip()
    match.objection = ""
    match.save()
    match.approvals.all().delete()
    audit(
        match.round,
        by,
        "moved",
        match=match,
        from_offer=previous,
        to_offer=offer_id,
        justification=justification.strip(),
    )
    return match


@transaction.atomic
def identity_reveal(*, match: Match, by: User, reason: str) -> str:
    """The coordinator may see who a pseudonym is, only with a logged reason."""
    if not reason.strip():
        raise ValidationError(_("Geef een reden; het inzien wordt vastgelegd."))
    audit(match.round, by, "identity_revealed", match=match, reason=reason.strip())
    return match.profile.student.user.full_name
