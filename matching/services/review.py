"""Review with four eyes: approvals, reviewers' objections, moves, revealing an identity."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.tenancy import claimable
from matching.models import (
    Approval,
    AuditEvent,
    Match,
    MatchStatus,
    RoundCapacity,
    RoundStatus,
)
from matching.selectors.flags import flag_reasons
from matching.selectors.review import (
    APPROVALS_NEEDED,
    alternatives,
    bulk_approvable,
    counsels,
)

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
def match_approve(*, match: Match, by: User, opened: bool = False) -> Match:
    """Approve once per person; whoever changed the match cannot be its second approver.

    `opened`: the approval was sent from the match's own page (recorded on the approval). A
    flagged match (`matching.selectors.flags`) can only be approved that way."""
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
    reasons = flag_reasons(match)
    if reasons and not opened:
        raise ValidationError(
            _("Deze match is gemarkeerd (%(why)s): open hem en keur hem daar goed.")
            % {"why": ", ".join(reasons)}
        )
    Approval.objects.create(match=match, by=by, opened=opened)
    if others + 1 >= APPROVALS_NEEDED:
        match.status = MatchStatus.APPROVED
        match.save(update_fields=["status"])
    audit(match.round, by, "approved", match=match, opened=opened, flags=reasons)
    return match


# Matches approved per batch of the bulk approval: one lock, one insert, one update and one
# audit insert each.
BULK_BATCH = 500


@transaction.atomic
def match_bulk_approve(*, qs: QuerySet[Match], by: User, expected: int | None = None) -> int:
    """Approve every unflagged match in `qs` that `by` may approve, set-based: a bounded
    number of queries per batch, whatever the number of matches. Flagged matches are left
    for their own page. `expected`: the number the reviewer saw and confirmed; when the
    selection has changed since, nothing is approved. Returns how many were approved."""
    ids = list(
        bulk_approvable(qs, by)
        .filter(round__status=RoundStatus.REVIEW)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if expected is not None and expected != len(ids):
        raise ValidationError(
            _(
                "De selectie is veranderd: er zijn nu %(n)s matches om goed te keuren in plaats "
                "van %(m)s. Bekijk de lijst en bevestig opnieuw."
            )
            % {"n": len(ids), "m": expected}
        )
    return sum(_approve_batch(ids[i : i + BULK_BATCH], by) for i in range(0, len(ids), BULK_BATCH))


def _approve_batch(ids: list[int], by: User) -> int:
    # Lock the rows, then decide again under the lock: a colleague may have approved, moved
    # or objected meanwhile.
    list(Match.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    rows = list(
        bulk_approvable(Match.objects.filter(pk__in=ids), by)
        .filter(round__status=RoundStatus.REVIEW)
        .values_list("pk", "round_id")
    )
    if not rows:
        return 0
    pks = [pk for pk, _round in rows]
    before = dict(
        Approval.objects.filter(match__in=pks)
        .values("match")
        .annotate(n=Count("pk"))
        .values_list("match", "n")
    )
    now = timezone.now()
    Approval.objects.bulk_create([Approval(match_id=pk, by=by, at=now) for pk in pks])
    complete = [pk for pk in pks if before.get(pk, 0) + 1 >= APPROVALS_NEEDED]
    Match.objects.filter(pk__in=complete).update(status=MatchStatus.APPROVED)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                round_id=rnd,
                match_id=pk,
                actor=by,
                action="approved",
                detail={"bulk": True},
                at=now,
            )
            for pk, rnd in rows
        ]
    )
    return len(rows)


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
def match_move(
    *, match: Match, offer_id: int, by: User, justification: str, confirmed: bool = False
) -> Match:
    """Move a student to another eligible offer. The offer row is locked, so two reviewers can
    never fill the same last place at the same time. A move that lowers the score or
    lengthens the travel time needs `confirmed` (the page shows the difference)."""
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
    if option["worse"] and not confirmed:
        raise ValidationError(
            _(
                "Deze plek geeft een score van %(score)s (%(ds)+.1f) en een reistijd van "
                "%(travel)s minuten (%(dt)+.1f). Bevestig dat je de student toch wilt verplaatsen."
            )
            % {
                "score": f"{option['pair'].score:.1f}",
                "ds": option["score_diff"],
                "travel": f"{option['pair'].travel_minutes:.0f}",
                "dt": option["travel_diff"],
            }
        )
    # Claim the place in the database: the UPDATE only succeeds while used < capacity (a
    # plain conditional UPDATE, re-checked under the row lock: see `claimable`).
    claimed = (
        claimable(RoundCapacity)
        .filter(round=match.round, offer_id=offer_id, used__lt=F("capacity"))
        .update(used=F("used") + 1)
    )
    if not claimed:
        raise ValidationError(_("Dit aanbod is vol. Kies een ander aanbod."))
    previous = match.offer_id
    if previous:
        claimable(RoundCapacity).filter(round=match.round, offer_id=previous).update(
            used=F("used") - 1
        )
    pair = option["pair"]
    match.offer_id = offer_id
    match.score = round(pair.score, 4)
    match.travel_minutes = round(pair.travel_minutes, 1)
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
        score_diff=option["score_diff"],
        travel_diff=option["travel_diff"],
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
    recognised ("net als mijn vader in de bakkerij"), so the review page hides them. But a
    round can score on them (the text-similarity weight), and they say what the student hopes
    to learn, so a reviewer who doubts a match may need them:
    a deliberate, logged request ("toon leerwens") keeps that possible and accountable. The
    student's own slb'er, who would recognise them, never reviews the match at all.
    """
    _not_their_counsellor(match, by)
    audit(match.round, by, "wishes_shown", match=match)
