"""Review with four eyes: approvals, reviewers' objections, moves, revealing an identity."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import Approval, Match, MatchStatus, RoundCapacity, RoundStatus
from matching.selectors.review import APPROVALS_NEEDED, alternatives, approvable, counsels

from .audit import audit


def _not_their_counsellor(match: Match, by: User) -> None:
    if counsels(match, by):
        raise ValidationError(
            _(
                "Je begeleidt deze student als slb'er; een collega beoordeelt deze match. "
                "Je kunt hem niet goedkeuren, verplaatsen of er bezwaar tegen maken."
            )
        )


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
    _not_their_counsellor(match, by)
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
    _not_their_counsellor(match, by)
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
    _not_their_counsellor(match, by)
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


def wishes_show(*, match: Match, by: User) -> None:
    """Show a reviewer the student's learning wishes, in their own words, and log that.

    The wishes are free text: the one part of the profile in which a student can be
    recognised ("net als mijn vader in de bakkerij"), so the review page hides them. But the
    engine scores on them (text similarity), so a reviewer who doubts a match may need them:
    a deliberate, logged request ("toon leerwens") keeps that possible and accountable. The
    student's own slb'er, who would recognise them, never reviews the match at all.
    """
    _not_their_counsellor(match, by)
    audit(match.round, by, "wishes_shown", match=match)
