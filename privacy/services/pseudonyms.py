"""Stable pseudonyms: the same person always gets the same one (P-… for a student, C-… for a
company contact), derived with a keyed hash from the row id, so a repeated erasure writes the
same value and nothing else about the person is needed to compute it."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def pseudonym(prefix: str, pk: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"privacy:{prefix}:{pk}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{prefix}-{digest[:8].upper()}"


def student_pseudonym(pk: int) -> str:
    return pseudonym("P", pk)


def contact_pseudonym(pk: int) -> str:
    return pseudonym("C", pk)


def erased_email(name: str) -> str:
    """An address that can never receive mail (.invalid is reserved, RFC 2606)."""
    return f"{name.lower()}@verwijderd.invalid"
