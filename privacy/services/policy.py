"""Saving a school's retention terms: validated, shorter terms only when confirmed, logged."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Institution, User

from ..kinds import DEFAULTS, KIND_BY_KEY
from ..models import PrivacyEvent, RetentionPolicy


def policy_of(institution: Institution) -> RetentionPolicy:
    """The school's terms; an unsaved row with the defaults when it set none."""
    policy = RetentionPolicy.objects.filter(institution=institution).first()
    return policy or RetentionPolicy(institution=institution, **DEFAULTS)


def shorter_terms(institution: Institution, terms: dict[str, int]) -> list[str]:
    """The keys whose new term is shorter than the one in force (data may go sooner)."""
    current = policy_of(institution)
    return [key for key, value in terms.items() if value < getattr(current, key)]


@transaction.atomic
def policy_save(
    *,
    institution: Institution,
    by: User,
    terms: dict[str, int],
    confirmed: bool = False,
    now: dt.datetime | None = None,
) -> RetentionPolicy:
    unknown = set(terms) - set(KIND_BY_KEY)
    if unknown or set(terms) != set(KIND_BY_KEY):
        raise ValidationError(_("Geef voor elke soort gegevens een termijn."))
    shorter = shorter_terms(institution, terms)
    if shorter and not confirmed:
        names = ", ".join(str(KIND_BY_KEY[k].label) for k in shorter)
        raise ValidationError(
            _(
                "Korter dan nu: %(names)s. Gegevens die daardoor over hun termijn zijn, worden "
                "bij de volgende nachtelijke ronde gewist. Bevestig dat je dit wilt."
            )
            % {"names": names}
        )
    policy = policy_of(institution)
    before = {key: getattr(policy, key) for key in KIND_BY_KEY}
    for key, value in terms.items():
        setattr(policy, key, value)
    policy.confirmed_by = by
    policy.confirmed_at = now or timezone.now()
    policy.full_clean()
    policy.save()
    changed = {key: value for key, value in terms.items() if before[key] != value}
    PrivacyEvent.objects.create(
        institution=institution,
        actor=by,
        action="terms_saved",
        counts=changed,
        at=policy.confirmed_at,
    )
    return policy
