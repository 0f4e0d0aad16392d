"""Writes and workflows for learning companies, their agreement and their offers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Institution, Role, User
from accounts.services import user_create_invited

from .models import (
    AgreementSignature,
    AgreementVersion,
    Company,
    CompanyContact,
    CompanyStatus,
    Offer,
    OfferStatus,
    RecognitionCheck,
    RecognitionOutcome,
)
from .selectors import current_agreement, has_signed_current, latest_checks, verified_crebos
from .wording import BLOCK, VERSION
from .wordlist import check_texts


@transaction.atomic
def company_create(
    *,
    institution: Institution,
    data: dict[str, Any],
    contact_name: str,
    contact_email: str,
    status: CompanyStatus,
) -> Company:
    """Create a company with its first contact, who gets an invitation link.

    Coordinators create companies as active; self-registered ones wait (`pending`) for a check.
    """
    if User.objects.filter(email__iexact=contact_email).exists():
        raise ValidationError(
            {"contact_email": _("Dit e-mailadres heeft al een account. Gebruik een ander adres.")}
        )
    company = Company(institution=institution, status=status, **data)
    company.full_clean()
    company.save()
    contact_add(company=company, full_name=contact_name, email=contact_email)
    return company


# A change of either means another registration: its recognition must be checked again.
IDENTITY_FIELDS = ("kvk_number", "sbb_id")


@transaction.atomic
def company_update(*, company: Company, data: dict[str, Any], by: User | None = None) -> Company:
    """The company contact changes the company's own details. A new KvK number or SBB id
    puts every recognition back to "to be checked" (`recognition_reset`)."""
    before = Company.objects.filter(pk=company.pk).values_list(*IDENTITY_FIELDS).first()
    for name, value in data.items():
        setattr(company, name, value)
    company.full_clean()
    company.save()
    recognition_reset_if_changed(company=company, before=before, by=by)
    return company


def recognition_reset_if_changed(
    *, company: Company, before: tuple[Any, ...] | None, by: User | None
) -> int:
    """After a save (the contact's form, the admin): `before` holds the KvK number and SBB id
    as they were; when either changed, reset the recognition. Returns the crebos reset."""
    after = tuple(getattr(company, name) for name in IDENTITY_FIELDS)
    if before is None or tuple(before) == after:
        return 0
    return recognition_reset(company=company, by=by)


@transaction.atomic
def recognition_reset(*, company: Company, by: User | None) -> int:
    """Every crebo whose latest check is not already "to be checked" gets a new record that
    says so (the earlier checks stay on record), and its published offers go back to draft:
    an unrecognised company never keeps offering under a recognised status. Offers need a new
    "erkend" from the school before they count again (`verified_crebos`)."""
    now = timezone.now()
    crebos = [
        crebo
        for crebo, check in latest_checks(company).items()
        if check.outcome != RecognitionOutcome.TO_CHECK
    ]
    RecognitionCheck.objects.bulk_create(
        [
            RecognitionCheck(
                company=company,
                crebo=crebo,
                outcome=RecognitionOutcome.TO_CHECK,
                verified_by=by,
                verified_at=now,
            )
            for crebo in crebos
        ]
    )
    company.offers.filter(status=OfferStatus.PUBLISHED).update(status=OfferStatus.DRAFT)
    return len(crebos)


@transaction.atomic
def contact_add(
    *, company: Company, full_name: str, email: str, job_title: str = ""
) -> CompanyContact:
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Dit e-mailadres heeft al een account.")})
    user = user_create_invited(
        email=email, full_name=full_name, role=Role.COMPANY_CONTACT, institution=company.institution
    )
    return CompanyContact.objects.create(user=user, company=company, job_title=job_title)


@transaction.atomic
def company_set_status(*, company: Company, status: CompanyStatus) -> None:
    """Approve (active) or set inactive. A suspension is lifted only with its own service
    (`suspensions.company_suspension_lift`), so it keeps its history."""
    if company.status == CompanyStatus.SUSPENDED or status == CompanyStatus.SUSPENDED:
        raise ValidationError(
            _("De deelname van dit bedrijf is geschorst. Hef de schorsing op met een toelichting.")
        )
    company.status = status
    company.save(update_fields=["status"])


@transaction.atomic
def recognition_verify(
    *, company: Company, crebo: str, outcome: RecognitionOutcome, by: User
) -> RecognitionCheck:
    """Record who verified which crebo when, with the outcome. No SBB data is stored."""
    check = RecognitionCheck(
        company=company, crebo=crebo, outcome=outcome, verified_by=by, verified_at=timezone.now()
    )
    check.full_clean()
    check.save()
    if outcome == RecognitionOutcome.NOT_RECOGNISED:
        # Offers for a crebo that turns out not to be recognised go back to draft.
        company.offers.filter(programme__crebo=crebo, status=OfferStatus.PUBLISHED).update(
            status=OfferStatus.DRAFT
        )
    return check


@transaction.atomic
def agreement_publish(*, institution: Institution, text: str) -> AgreementVersion:
    """A new version; every company must sign it again before its offers count."""
    last = current_agreement(institution)
    version = AgreementVersion(
        institution=institution,
        version=(last.version + 1) if last else 1,
        text=text,
        published_at=timezone.now(),
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def agreement_sign(
    *, company: Company, user: User, signer_name: str, signer_role: str
) -> AgreementSignature:
    current = current_agreement(company.institution_id)
    if current is None:
        raise ValidationError(
            _("Er is nog geen overeenkomst gepubliceerd. Neem contact op met de school.")
        )
    signature, _created = AgreementSignature.objects.get_or_create(
        company=company,
        version=current,
        defaults={
            "signed_by": user,
            "signer_name": signer_name,
            "signer_role": signer_role,
            "signed_at": timezone.now(),
        },
    )
    return signature


# Every free text a company writes in an offer goes through the wording check.
OFFER_TEXT_FIELDS = (
    "learning_text",
    "activities",
    "presentation",
    "extra_supervision_text",
    "supervision",
)
# Flags stored by lexicon version 1 named the ground in Dutch and had no level.
_V1_GROUNDS = {
    "leeftijd": "age",
    "uiterlijk": "appearance",
    "geslacht": "gender",
    "afkomst": "origin",
    "taal als moedertaal": "language",
    "religie": "religion",
    "'klik'": "personality",
    "persoonlijkheid": "personality",
    "selectie": "selection",
}


def _flags(offer: Offer) -> list[dict[str, Any]]:
    texts = {name: getattr(offer, name) for name in OFFER_TEXT_FIELDS}
    return [f.as_dict() for f in check_texts(texts)]


def _blocking(flags: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    """(field, ground, words) of the flags that block publishing."""
    return {
        (f["field"], _V1_GROUNDS.get(f["ground"], f["ground"]), f["words"])
        for f in flags
        if f.get("level", BLOCK) == BLOCK
    }


def _set_flags(offer: Offer, flags: list[dict[str, Any]]) -> None:
    offer.text_flags = flags
    offer.text_flags_version = VERSION
    offer.text_blocking = bool(_blocking(flags))


def _drop_acceptance(offer: Offer) -> None:
    offer.text_accepted_by = None
    offer.text_accepted_reason = ""
    offer.text_accepted_at = None


@transaction.atomic
def offer_save(*, offer: Offer, work_processes: Any, electives: Any = None) -> Offer:
    """Save an offer (as draft when new) and re-check its texts. `electives` (the keuzedelen
    a student can do here) are limited to the programme's; None leaves them as they are.

    A coordinator's acceptance covers the blocking words it was given for: when those
    change, it is dropped, and a published offer with blocking words goes back to draft.
    `let op` flags never block.
    """
    if offer.programme.crebo not in verified_crebos(offer.company):
        raise ValidationError(
            _(
                "Je bedrijf is (nog) niet erkend voor deze opleiding. Vraag de school om de "
                "erkenning te controleren."
            )
        )
    flags = _flags(offer)
    if _blocking(flags) != _blocking(offer.text_flags):
        _drop_acceptance(offer)
    _set_flags(offer, flags)
    if (
        offer.text_blocking
        and not offer.text_accepted_by_id
        and offer.status == OfferStatus.PUBLISHED
    ):
        offer.status = OfferStatus.DRAFT
    offer.full_clean()
    offer.save()
    offer.work_processes.set(work_processes)
    if electives is not None:
        allowed = set(offer.programme.electives.values_list("pk", flat=True))
        offer.electives.set([e for e in electives if e.pk in allowed])
    return offer


def offer_publish_blockers(
    offer: Offer, *, signed: bool | None = None, verified: set[str] | None = None
) -> list[str]:
    """What stands between this offer and publication, in plain Dutch.

    `signed` and `verified` may be passed in when the caller already knows them for the
    company (a list of offers), so they are not looked up again per offer.
    """
    if signed is None:
        signed = has_signed_current(offer.company)
    if verified is None:
        verified = verified_crebos(offer.company)
    blockers = []
    if not signed:
        blockers.append(_("Onderteken eerst de stagematchingsovereenkomst."))
    if offer.programme.crebo not in verified:
        blockers.append(_("De school heeft de erkenning voor deze opleiding nog niet bevestigd."))
    blocking = _blocking(offer.text_flags)
    if blocking and not offer.text_accepted_by_id:
        words = ", ".join(sorted({words for _field, _ground, words in blocking}))
        blockers.append(
            _(
                "Pas de tekst aan: deze woorden kunnen discrimineren: %(words)s. Bij het aanbod "
                "staat een tip."
            )
            % {"words": words}
        )
    if offer.company.status == CompanyStatus.SUSPENDED:
        blockers.append(_("Je deelname is geschorst. Bovenaan deze pagina staat waarom."))
    elif offer.company.status != CompanyStatus.ACTIVE:
        blockers.append(_("De school moet je bedrijf nog controleren."))
    if not offer.work_processes.all():
        blockers.append(_("Kies minstens één werkproces dat een student hier kan oefenen."))
    return blockers


@transaction.atomic
def offer_publish(*, offer: Offer) -> None:
    blockers = offer_publish_blockers(offer)
    if blockers:
        raise ValidationError(blockers)
    offer.status = OfferStatus.PUBLISHED
    offer.save(update_fields=["status", "updated_at"])


@transaction.atomic
def offer_unpublish(*, offer: Offer) -> None:
    offer.status = OfferStatus.DRAFT
    offer.save(update_fields=["status", "updated_at"])


@transaction.atomic
def offer_accept_text(*, offer: Offer, by: User, reason: str) -> None:
    """A coordinator accepts flagged wording, with a reason (e.g. "leeftijd van de kinderen")."""
    if not reason.strip():
        raise ValidationError(_("Geef een reden waarom deze tekst toch acceptabel is."))
    offer.text_accepted_by = by
    offer.text_accepted_reason = reason.strip()
    offer.text_accepted_at = timezone.now()
    offer.save(update_fields=["text_accepted_by", "text_accepted_reason", "text_accepted_at"])


@transaction.atomic
def _offer_texts_recheck_batch(*, batch_size: int) -> int:
    offers = list(
        Offer.objects.select_for_update(skip_locked=True)
        .exclude(text_flags_version=VERSION)
        .order_by("pk")[:batch_size]
    )
    for offer in offers:
        flags = _flags(offer)
        accepted = {(field, ground) for field, ground, _words in _blocking(offer.text_flags)}
        new = {(field, ground) for field, ground, _words in _blocking(flags)}
        if offer.text_accepted_by_id and not new <= accepted:
            # The acceptance was given for other grounds; the new ones need a new look.
            _drop_acceptance(offer)
        _set_flags(offer, flags)
        offer.save(
            update_fields=[
                "text_flags",
                "text_flags_version",
                "text_blocking",
                "text_accepted_by",
                "text_accepted_reason",
                "text_accepted_at",
            ]
        )
    return len(offers)


def offer_texts_recheck(*, batch_size: int = 200) -> int:
    """Re-check the texts of every offer that was checked with another lexicon version.

    Runs after a deploy (a periodic task); idempotent: an offer re-checked with the current
    version is not touched again, so a second run does nothing. Each batch is its own
    transaction. A published offer stays published even when it now has blocking words: a
    placement offer is not pulled out of a running round behind the school's back. It shows
    up for review on the coordinator's dashboard (`offers_needing_text_review`) until the
    coordinator accepts the text or the company changes it. Returns the number re-checked.
    """
    total = 0
    while done := _offer_texts_recheck_batch(batch_size=batch_size):
        total += done
    return total


@transaction.atomic
def offer_copy(*, offer: Offer, period_start: dt.date, period_end: dt.date) -> Offer:
    """Copy an offer to another period, as a draft."""
    wps = list(offer.work_processes.all())
    electives = list(offer.electives.all())
    copy = Offer.objects.get(pk=offer.pk)
    copy.pk = None
    copy.status = OfferStatus.DRAFT
    copy.period_start, copy.period_end = period_start, period_end
    copy.full_clean()
    copy.save()
    copy.work_processes.set(wps)
    copy.electives.set(electives)
    return copy
