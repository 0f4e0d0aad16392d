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
from .selectors import current_agreement, has_signed_current, verified_crebos
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


def _flags(offer: Offer) -> list[dict[str, str]]:
    texts = {
        "learning_text": offer.learning_text,
        "activities": offer.activities,
        "presentation": offer.presentation,
        "extra_supervision_text": offer.extra_supervision_text,
        "supervision": offer.supervision,
    }
    return [f.as_dict() for f in check_texts(texts)]


@transaction.atomic
def offer_save(*, offer: Offer, work_processes: Any) -> Offer:
    """Save an offer (as draft when new) and re-check its texts.

    A changed text loses an earlier acceptance of flagged words.
    """
    if offer.programme.crebo not in verified_crebos(offer.company):
        raise ValidationError(
            _(
                "Je bedrijf is (nog) niet erkend voor deze opleiding. Vraag de school om de erkenning te controleren."
            )
        )
    flags = _flags(offer)
    if flags != offer.text_flags:
        offer.text_accepted_by = None
        offer.text_accepted_reason = ""
        offer.text_accepted_at = None
    offer.text_flags = flags
    if flags and not offer.text_accepted_by_id and offer.status == OfferStatus.PUBLISHED:
        offer.status = OfferStatus.DRAFT
    offer.full_clean()
    offer.save()
    offer.work_processes.set(work_processes)
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
    if offer.text_flags and not offer.text_accepted_by_id:
        words = ", ".join(sorted({f["words"] for f in offer.text_flags}))
        blockers.append(
            _("Pas de tekst aan: deze woorden zijn subjectief of kunnen discrimineren: %(words)s.")
            % {"words": words}
        )
    if offer.company.status != CompanyStatus.ACTIVE:
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
def offer_copy(*, offer: Offer, period_start: dt.date, period_end: dt.date) -> Offer:
    """Copy an offer to another period, as a draft."""
    wps = list(offer.work_processes.all())
    copy = Offer.objects.get(pk=offer.pk)
    copy.pk = None
    copy.status = OfferStatus.DRAFT
    copy.period_start, copy.period_end = period_start, period_end
    copy.full_clean()
    copy.save()
    copy.work_processes.set(wps)
    return copy
