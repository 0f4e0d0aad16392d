"""The remedy of an upheld objection: the student gets another place after the release.

One person proposes an offer the student may be matched to (`replacement_propose`), a second
approves it (`replacement_approve`), which makes the re-placement in the ledger
(`placements.services.placement_replace`: capacity-safe under row locks, the old placement
ends and frees its seat), logs it and mails the student, the old and the new company once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage, User
from companies.models import CompanyContact
from matching.models import Objection, ObjectionStatus
from matching.selectors.replacement import replacement_options
from placements.models import Placement, PlacementStatus
from placements.services import placement_replace

from .audit import audit
from .notifications import topic

ROLES = ("student", "old_company", "new_company")


def pending(objection: Objection) -> bool:
    """A re-placement is proposed and waits for its second person."""
    return objection.replacement_offer_id is not None and objection.replacement_id is None


def _locked(objection: Objection) -> Objection:
    return (
        Objection.objects.select_for_update(of=("self",))
        .select_related("match__round", "match__placement", "match__profile")
        .get(pk=objection.pk)
    )


def _placement_to_replace(objection: Objection) -> Placement:
    if objection.status != ObjectionStatus.UPHELD:
        raise ValidationError(
            _("Alleen na een toegekend bezwaar kan de student een andere stageplek krijgen.")
        )
    if objection.replacement_id is not None:
        raise ValidationError(_("Deze student is na het bezwaar al herplaatst."))
    placement = objection.match.placement
    if placement is None or not objection.match.round.is_released():
        raise ValidationError(
            _(
                "De student heeft uit deze ronde geen stageplek. Neem de student mee in een "
                "vervolgronde."
            )
        )
    if placement.status != PlacementStatus.ACTIVE:
        raise ValidationError(_("Deze stage loopt niet meer; herplaatsen kan niet."))
    return placement


@transaction.atomic
def replacement_propose(*, objection: Objection, offer_id: int, reason: str, by: User) -> Objection:
    """Propose another offer for the student of an upheld objection. The offer must be one the
    student may be matched to with a free seat now; a new proposal replaces an earlier one
    that was not approved yet."""
    objection = _locked(objection)
    _placement_to_replace(objection)
    if not reason.strip():
        raise ValidationError(_("Schrijf waarom de student deze plek krijgt."))
    options = {o["offer"].pk: o for o in replacement_options(objection)}
    if offer_id not in options:
        raise ValidationError(
            _(
                "Dit aanbod past niet bij de student of heeft geen vrije plaats meer. Kies een "
                "aanbod uit de lijst."
            )
        )
    objection.replacement_offer_id = offer_id
    objection.replacement_reason = reason.strip()
    objection.replacement_by = by
    objection.replacement_at = timezone.now()
    objection.save(
        update_fields=[
            "replacement_offer",
            "replacement_reason",
            "replacement_by",
            "replacement_at",
        ]
    )
    audit(objection.match.round, by, "replacement_proposed", match=objection.match, offer=offer_id)
    return objection


@transaction.atomic
def replacement_refuse(*, objection: Objection, by: User) -> Objection:
    """The second person does not agree: the proposal is withdrawn (logged)."""
    objection = _locked(objection)
    if not pending(objection):
        raise ValidationError(_("Er wacht geen herplaatsing op goedkeuring."))
    offer_id = objection.replacement_offer_id
    objection.replacement_offer = None
    objection.replacement_reason = ""
    objection.replacement_by = None
    objection.replacement_at = None
    objection.save(
        update_fields=[
            "replacement_offer",
            "replacement_reason",
            "replacement_by",
            "replacement_at",
        ]
    )
    audit(objection.match.round, by, "replacement_refused", match=objection.match, offer=offer_id)
    return objection


@transaction.atomic
def replacement_approve(*, objection: Objection, by: User) -> Placement:
    """The second person approves: the student moves to the proposed offer (a free seat from
    today or the offer's start; the old placement ends that day), and the student, the old
    and the new company get one e-mail each."""
    objection = _locked(objection)
    if not pending(objection):
        raise ValidationError(_("Er wacht geen herplaatsing op goedkeuring."))
    old = _placement_to_replace(objection)
    assert objection.replacement_offer_id is not None and objection.replacement_by is not None
    option = next(
        (
            o
            for o in replacement_options(objection)
            if o["offer"].pk == objection.replacement_offer_id
        ),
        None,
    )
    new = placement_replace(
        placement=old,
        offer_id=objection.replacement_offer_id,
        reason=objection.replacement_reason,
        proposed_by=objection.replacement_by,
        approved_by=by,
        explanation=option["pair"].as_dict() if option else {},
    )
    objection.replacement = new
    objection.save(update_fields=["replacement"])
    rnd = objection.match.round
    audit(rnd, by, "replacement_approved", match=objection.match, offer=new.offer_id)
    _notify(objection, old, new)
    return new


def _notify(objection: Objection, old: Placement, new: Placement) -> None:
    notify_moved(
        student_user_id=objection.match.profile.student.user_id,
        old=old,
        new=new,
        kind="replacement",
        key=f"replacement:{objection.pk}",
        topic=topic(objection.match.round),
        context={"objection": objection.pk},
    )


def notify_moved(
    *,
    student_user_id: int,
    old: Placement,
    new: Placement,
    kind: str,
    key: str,
    topic: str,
    context: dict[str, Any],
) -> None:
    """One e-mail each to a re-placed student and the contacts of the old and the new company
    (the outbox stores each recipient and key once); the renderer of `kind` reads the role."""
    recipients: list[tuple[int, str]] = [(student_user_id, "student")]
    for company_id, role in ((old.company_id, "old_company"), (new.company_id, "new_company")):
        recipients += [
            (user_id, role)
            for user_id in CompanyContact.objects.filter(company_id=company_id).values_list(
                "user_id", flat=True
            )
        ]
    outbox.enqueue_many(
        outbox.Mail(
            recipient_id=user_id,
            kind=kind,
            key=f"{key}:{role}",
            topic=topic,
            context={**context, "role": role},
        )
        for user_id, role in recipients
    )


def replacement_render(message: OutboxMessage) -> tuple[str, str] | None:
    objection = (
        Objection.objects.filter(pk=message.context.get("objection"))
        .select_related(
            "match__placement__company",
            "replacement__company__place",
            "match__profile__student__user",
        )
        .first()
    )
    role = message.context.get("role")
    if objection is None or objection.replacement is None or role not in ROLES:
        return None
    context: dict[str, Any] = {
        "recipient": message.recipient,
        "student": objection.match.profile.student.user.full_name,
        "old": objection.match.placement,
        "new": objection.replacement,
        "objection": True,
        "site_url": settings.SITE_URL,
    }
    subjects = {
        "student": _("Je krijgt een andere stageplek"),
        "old_company": _("Een student loopt geen stage meer bij jullie"),
        "new_company": _("Er komt een student stagelopen bij jullie"),
    }
    return subjects[role], render_to_string(f"matching/email_replacement_{role}.txt", context)
