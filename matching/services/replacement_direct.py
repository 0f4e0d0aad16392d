"""Re-placement after a company refused a student (weigering, `followup.services.ending`):
the school, not the company, finds the student another place, at once. One person proposes
an offer the student may be matched to with a free seat (the same explained options as for
an upheld objection), a second person approves; the approval moves the student in the ledger
(`placements.services.placement_replace`: capacity-safe, the refused placement ends that day
and its seat is offered again), is logged, and mails the student and both companies once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OutboxMessage, User
from companies.selectors import offers_for_matching
from followup.models import Ending
from matching.models import Match, Replacement
from matching.replacements import ReplacementStatus
from matching.selectors.replacement import match_options
from placements.models import Placement, PlacementStatus
from placements.services import placement_replace

from .audit import audit
from .notifications import topic
from .replacement import notify_moved

ROLES = ("student", "old_company", "new_company")


def to_replace(placement: Placement) -> Match:
    """The released match of a placement the company refused and that still runs."""
    if placement.status != PlacementStatus.ACTIVE:
        raise ValidationError(_("Deze stage loopt niet meer; herplaatsen kan hier niet."))
    if not Ending.objects.filter(placement=placement).exists():
        raise ValidationError(
            _("Herplaatsen kan hier na een weigering of een gemeld einde van de stage.")
        )
    match = (
        Match.objects.filter(placement=placement)
        .select_related("round", "placement", "profile__student")
        .first()
    )
    if match is None:
        raise ValidationError(
            _(
                "Deze stage kwam niet uit een matchingsronde. Beëindig haar en neem de student "
                "mee in een vervolgronde."
            )
        )
    return match


def options(placement: Placement, limit: int | None = None) -> list[dict[str, Any]]:
    """The offers the student may go to: never one of the company that refused them."""
    rows = [
        o
        for o in match_options(to_replace(placement))
        if o["offer"].company_id != placement.company_id
    ]
    return rows[:limit] if limit else rows


@transaction.atomic
def direct_propose(*, placement: Placement, offer_id: int, reason: str, by: User) -> Replacement:
    """Propose another offer; an earlier proposal that waits is replaced by this one."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    match = to_replace(placement)
    if not reason.strip():
        raise ValidationError(_("Schrijf waarom de student deze plek krijgt."))
    if offer_id not in {o["offer"].pk for o in options(placement)}:
        raise ValidationError(
            _(
                "Dit aanbod past niet bij de student of heeft geen vrije plaats meer. Kies een "
                "aanbod uit de lijst."
            )
        )
    Replacement.objects.filter(placement=placement, status=ReplacementStatus.PROPOSED).update(
        status=ReplacementStatus.REFUSED, decided_by=by, decided_at=timezone.now()
    )
    proposal = Replacement.objects.create(
        placement=placement, offer_id=offer_id, reason=reason.strip()[:2000], proposed_by=by
    )
    audit(match.round, by, "direct_replacement_proposed", match=match, offer=offer_id)
    return proposal


def _open(proposal: Replacement) -> Replacement:
    proposal = Replacement.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ReplacementStatus.PROPOSED:
        raise ValidationError(_("Er wacht geen herplaatsing op goedkeuring."))
    return proposal


@transaction.atomic
def direct_refuse(*, proposal: Replacement, by: User) -> Replacement:
    proposal = _open(proposal)
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ReplacementStatus.REFUSED,
        by,
        timezone.now(),
    )
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    match = to_replace(proposal.placement)
    audit(match.round, by, "direct_replacement_refused", match=match, offer=proposal.offer_id)
    return proposal


@transaction.atomic
def direct_approve(*, proposal: Replacement, by: User) -> Placement:
    """The second person approves: the student moves to the proposed offer."""
    proposal = _open(proposal)
    match = to_replace(proposal.placement)
    if not offers_for_matching(match.round.institution_id).filter(pk=proposal.offer_id).exists():
        # Proposed before the company was suspended (or the offer taken back): not any more.
        raise ValidationError(
            _(
                "Dit aanbod doet intussen niet meer mee (bijvoorbeeld omdat de deelname van "
                "het bedrijf is geschorst). Weiger dit voorstel en kies een ander aanbod."
            )
        )
    option = next((o for o in match_options(match) if o["offer"].pk == proposal.offer_id), None)
    if option is None:
        raise ValidationError(
            _(
                "Dit aanbod kan niet meer: het past niet meer bij de student of heeft geen vrije "
                "plaats meer. Weiger dit voorstel en kies een ander aanbod."
            )
        )
    new = placement_replace(
        placement=proposal.placement,
        offer_id=proposal.offer_id,
        reason=proposal.reason,
        proposed_by=proposal.proposed_by,
        approved_by=by,
        explanation=option["pair"].as_dict(),
    )
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ReplacementStatus.APPROVED,
        by,
        timezone.now(),
    )
    proposal.new_placement = new
    proposal.save(update_fields=["status", "decided_by", "decided_at", "new_placement"])
    audit(match.round, by, "direct_replacement_approved", match=match, offer=new.offer_id)
    _notify(proposal, match)
    return new


def _notify(proposal: Replacement, match: Match) -> None:
    assert proposal.new_placement is not None
    notify_moved(
        student_user_id=match.profile.student.user_id,
        old=proposal.placement,
        new=proposal.new_placement,
        kind="direct_replacement",
        key=f"direct_replacement:{proposal.pk}",
        topic=topic(match.round),
        context={"replacement": proposal.pk},
    )


def direct_replacement_render(message: OutboxMessage) -> tuple[str, str] | None:
    proposal = (
        Replacement.objects.filter(pk=message.context.get("replacement"))
        .select_related(
            "placement__company", "new_placement__company__place", "placement__student__user"
        )
        .first()
    )
    role = message.context.get("role")
    if proposal is None or proposal.new_placement is None or role not in ROLES:
        return None
    context: dict[str, Any] = {
        "recipient": message.recipient,
        "student": proposal.placement.student.user.full_name,
        "old": proposal.placement,
        "new": proposal.new_placement,
        "site_url": settings.SITE_URL,
    }
    subjects = {
        "student": _("Je krijgt een andere stageplek"),
        "old_company": _("Een student loopt geen stage meer bij jullie"),
        "new_company": _("Er komt een student stagelopen bij jullie"),
    }
    return subjects[role], render_to_string(f"matching/email_replacement_{role}.txt", context)
