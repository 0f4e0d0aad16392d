"""The praktijkovereenkomst (POK): drawn up by the school (concept), sent for signing
(verstuurd), signed by each party, complete (volledig) when all have signed. A student under
18 at the start date signs with a parent or guardian, who gets a one-time link by e-mail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage, Role, User
from placements.models import Placement, PlacementStatus

from ..models import Agreement, AgreementStatus, GuardianLink, Party, Signature
from ..pok_fields import fingerprint, live_fields
from ..selectors import SCHOOL_SIGNERS, under_18_at_start
from .running import ensure_running

GUARDIAN_LINK_VALID = dt.timedelta(days=14)
SALT = "followup.guardian-link"

DEFAULT_ASSESSMENT = (
    "De bpv-docent beoordeelt aan het eind van de stage de werkprocessen uit het "
    "kwalificatiedossier die de student hier oefent, met het oordeel van de praktijkopleider."
)
DEFAULT_GUIDANCE = (
    "De praktijkopleider begeleidt de student op de werkplek. De bpv-docent van school houdt "
    "ten minste drie contactmomenten, waarvan één op locatie."
)
DEFAULT_EARLY_END = (
    "De stage kan eerder eindigen als een partij zich niet aan deze overeenkomst houdt, de "
    "erkenning van het leerbedrijf vervalt of de begeleiding onvoldoende is. De school beslist "
    "na overleg met student en leerbedrijf en zorgt voor een nieuwe stageplek."
)


def defaults(placement: Placement) -> dict[str, Any]:
    """What a new POK proposes: hours and days from the offer, weeks from the period."""
    hours = placement.offer.hours_per_week if placement.offer else 32
    days = (
        len(placement.offer.working_days) if placement.offer and placement.offer.working_days else 4
    )
    weeks = max(1, ((placement.end_date - placement.start_date).days + 1) // 7)
    return {
        "hours_per_week": hours,
        "days_per_week": days,
        "total_hours": hours * weeks,
        "assessment": DEFAULT_ASSESSMENT,
        "guidance": DEFAULT_GUIDANCE,
        "early_end": DEFAULT_EARLY_END,
    }


@transaction.atomic
def agreement_save(*, placement: Placement, by: User, **fields: Any) -> Agreement:
    """Draw up the POK or change its concept. Once sent, it is fixed: signatures are for
    exactly what was sent."""
    if placement.status == PlacementStatus.ENDED_EARLY:
        raise ValidationError(_("Deze stage is beëindigd; er komt geen praktijkovereenkomst."))
    agreement = Agreement.objects.select_for_update().filter(placement=placement).first()
    if agreement is None:
        agreement = Agreement(placement=placement, created_by=by)
    elif agreement.status != AgreementStatus.DRAFT:
        raise ValidationError(_("De overeenkomst is al verstuurd en kan niet meer wijzigen."))
    for name, value in {**defaults(placement), **fields}.items():
        setattr(agreement, name, value)
    agreement.needs_guardian = under_18_at_start(placement)
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def agreement_send(*, agreement: Agreement, by: User) -> Agreement:
    """Concept -> verstuurd: the parties can sign; a guardian gets their link by e-mail."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    ensure_running(agreement.placement_id)
    if agreement.status != AgreementStatus.DRAFT:
        raise ValidationError(_("Deze overeenkomst is al verstuurd."))
    student = agreement.placement.student
    agreement.needs_guardian = under_18_at_start(agreement.placement)
    if agreement.needs_guardian and not student.guardian_email:
        raise ValidationError(
            _(
                "De student is bij de start jonger dan 18: vul eerst naam en e-mailadres van "
                "een ouder of verzorger in bij de student."
            )
        )
    # Frozen from here on: the parties sign exactly these fields (and their hash).
    agreement.snapshot = live_fields(agreement)
    agreement.snapshot_hash = fingerprint(agreement.snapshot)
    agreement.status = AgreementStatus.SENT
    agreement.sent_at = timezone.now()
    agreement.save(
        update_fields=["status", "sent_at", "needs_guardian", "snapshot", "snapshot_hash"]
    )
    if agreement.needs_guardian:
        guardian_link_send(agreement=agreement)
    return agreement


def guardian_link_send(*, agreement: Agreement) -> GuardianLink:
    """A new link for the guardian (earlier ones stop working), e-mailed through the outbox.
    Not once the guardian has signed: a new link would only confuse them."""
    if agreement.signatures.filter(party=Party.GUARDIAN).exists():
        raise ValidationError(
            _("De ouder/verzorger heeft al getekend; een nieuwe link is niet nodig.")
        )
    now = timezone.now()
    student = agreement.placement.student
    GuardianLink.objects.filter(agreement=agreement, used_at__isnull=True).update(revoked_at=now)
    link = GuardianLink.objects.create(
        agreement=agreement, email=student.guardian_email, expires_at=now + GUARDIAN_LINK_VALID
    )
    outbox.enqueue(
        outbox.Mail(
            recipient_id=student.user_id,
            kind="pok_guardian",
            key=f"pok-guardian:{link.pk}",
            context={"link": link.pk},
        )
    )
    return link


def guardian_token(link: GuardianLink) -> str:
    return signing.dumps({"link": link.pk}, salt=SALT)


def guardian_render(message: OutboxMessage) -> tuple[str, str, str] | None:
    """The guardian's mail, with the link made when it is sent (no token waits anywhere)."""
    link = GuardianLink.objects.filter(pk=message.context.get("link")).first()
    if link is None or link.used_at or link.revoked_at or link.expires_at <= timezone.now():
        return None
    url = settings.SITE_URL + reverse("followup:guardian-sign", args=[guardian_token(link)])
    student = link.agreement.placement.student
    body = render_to_string(
        "followup/email_guardian.txt",
        {"link": link, "url": url, "student": student, "agreement": link.agreement},
    )
    return _("Praktijkovereenkomst ondertekenen"), body, link.email


def guardian_link_id(token: str) -> int:
    """The link a token names (signature checked only): its school is the page's scope."""
    try:
        pk = signing.loads(token, salt=SALT)["link"]
    except (signing.BadSignature, KeyError, TypeError):
        raise ValidationError(_("Deze link is niet geldig.")) from None
    if not isinstance(pk, int):
        raise ValidationError(_("Deze link is niet geldig."))
    return pk


def guardian_link_check(token: str, now: dt.datetime | None = None) -> GuardianLink:
    """The link behind a token, refused when it is malformed, expired, used or replaced."""
    pk = guardian_link_id(token)
    link = GuardianLink.objects.select_related("agreement__placement__student").filter(pk=pk)
    found = link.first()
    if found is None or found.revoked_at is not None:
        raise ValidationError(_("Deze link is niet meer geldig; er is een nieuwere verstuurd."))
    if found.used_at is not None:
        raise ValidationError(_("Met deze link is al getekend. Een link werkt maar één keer."))
    if found.expires_at <= (now or timezone.now()):
        raise ValidationError(
            _("Deze link is verlopen. Vraag de school om een nieuwe link te sturen.")
        )
    if found.agreement.status != AgreementStatus.SENT:
        raise ValidationError(_("Deze overeenkomst kan nu niet ondertekend worden."))
    return found


def _complete_if_signed(agreement: Agreement) -> None:
    signed = set(Signature.objects.filter(agreement=agreement).values_list("party", flat=True))
    if set(agreement.parties()) <= signed:
        agreement.status = AgreementStatus.COMPLETE
        agreement.completed_at = timezone.now()
        agreement.save(update_fields=["status", "completed_at"])


def _sign(
    agreement: Agreement,
    party: Party,
    name: str,
    role: str,
    user: User | None,
    seen: str | None = None,
) -> None:
    ensure_running(agreement.placement_id)
    if agreement.status != AgreementStatus.SENT:
        raise ValidationError(_("Deze overeenkomst is niet (meer) ter ondertekening."))
    if seen is not None and seen != agreement.snapshot_hash:
        raise ValidationError(
            _("De overeenkomst is intussen vervangen door een nieuwe versie. Lees die eerst.")
        )
    if party not in agreement.parties():
        raise ValidationError(_("Deze partij tekent deze overeenkomst niet."))
    if Signature.objects.filter(agreement=agreement, party=party).exists():
        raise ValidationError(_("Voor deze partij is al getekend."))
    Signature.objects.create(
        agreement=agreement,
        party=party,
        name=name,
        role=role,
        user=user,
        snapshot_hash=agreement.snapshot_hash,
    )
    _complete_if_signed(agreement)


@transaction.atomic
def agreement_sign(*, agreement: Agreement, by: User, seen: str | None = None) -> Agreement:
    """Sign for the side `by` is on: the student, a contact of the company, or the school.
    `seen` is the hash of the version the signer read (refused when it was replaced)."""
    agreement = (
        Agreement.objects.select_for_update().select_related("placement").get(pk=agreement.pk)
    )
    placement = agreement.placement
    if by.role == Role.STUDENT and placement.student.user_id == by.pk:
        party, role = Party.STUDENT, _("student")
    elif by.role == Role.COMPANY_CONTACT and getattr(by, "company_contact", None) is not None:
        if by.company_contact.company_id != placement.company_id:
            raise ValidationError(_("Je tekent alleen voor je eigen leerbedrijf."))
        party, role = Party.COMPANY, by.company_contact.job_title or _("praktijkopleider")
    elif by.role in SCHOOL_SIGNERS:
        party, role = Party.SCHOOL, str(Role(by.role).label)
    else:
        raise ValidationError(_("Je kunt deze overeenkomst niet ondertekenen."))
    _sign(agreement, party, by.full_name or by.email, role, by, seen)
    return agreement


@transaction.atomic
def guardian_sign(*, token: str, name: str, seen: str | None = None) -> Agreement:
    """The guardian signs through their link; the link is used up."""
    if not name.strip():
        raise ValidationError(_("Vul je naam in."))
    link = guardian_link_check(token)
    locked = GuardianLink.objects.select_for_update().get(pk=link.pk)
    if locked.used_at is not None:
        raise ValidationError(_("Met deze link is al getekend. Een link werkt maar één keer."))
    agreement = Agreement.objects.select_for_update().get(pk=link.agreement_id)
    _sign(agreement, Party.GUARDIAN, name.strip(), _("ouder/verzorger"), None, seen)
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    return agreement


@transaction.atomic
def agreement_new_version(*, agreement: Agreement, by: User) -> Agreement:
    """A sent (or signed) POK whose data changed becomes a concept again, as the next version:
    its signatures are removed (they were for the old text), the guardian's links stop
    working, and the school sends it again, which freezes the new data."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    ensure_running(agreement.placement_id)
    if agreement.status == AgreementStatus.DRAFT:
        raise ValidationError(_("Deze overeenkomst is nog een concept; pas hem gewoon aan."))
    Signature.objects.filter(agreement=agreement).delete()
    GuardianLink.objects.filter(agreement=agreement, used_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    agreement.status = AgreementStatus.DRAFT
    agreement.version += 1
    agreement.snapshot = {}
    agreement.snapshot_hash = ""
    agreement.sent_at = None
    agreement.completed_at = None
    agreement.save(
        update_fields=[
            "status",
            "version",
            "snapshot",
            "snapshot_hash",
            "sent_at",
            "completed_at",
        ]
    )
    return agreement
