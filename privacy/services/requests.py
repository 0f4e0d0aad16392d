"""Rights requests: a student or company contact asks to correct or erase their data; a
coordinator decides within one month, with a reason. An erasure that is carried out takes
the same path as the purge (`privacy.services.subjects`). Every step is in the privacy log."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from companies.models import CompanyContact
from students.models import Student

from ..dates import deadline_after
from ..models import RESPONSE_MONTHS, PrivacyEvent, RequestKind, RequestStatus, RightsRequest
from .subjects import contact_erase, student_erase

REQUESTERS = (Role.STUDENT, Role.COMPANY_CONTACT)


@transaction.atomic
def request_file(
    *, by: User, kind: str, text: str, now: dt.datetime | None = None
) -> RightsRequest:
    if by.role not in REQUESTERS or by.institution_id is None:
        raise ValidationError(_("Alleen studenten en contactpersonen dienen hier een verzoek in."))
    now = now or timezone.now()
    request = RightsRequest(
        institution_id=by.institution_id,
        requester=by,
        kind=kind,
        text=text.strip(),
        created_at=now,
        deadline=deadline_after(now, RESPONSE_MONTHS),
    )
    request.full_clean()
    request.save()
    PrivacyEvent.objects.create(
        institution_id=by.institution_id, actor=by, action="request_filed", request=request, at=now
    )
    return request


@transaction.atomic
def request_handle(
    *,
    request: RightsRequest,
    by: User,
    carry_out: bool,
    reason: str,
    now: dt.datetime | None = None,
) -> RightsRequest:
    """Decide a request: carried out (an erasure is done here; a correction is made on the
    person's own pages first) or refused, always with a reason."""
    request = RightsRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("Dit verzoek is al afgehandeld."))
    if by.role not in (Role.COORDINATOR, Role.INSTITUTION_ADMIN):
        raise ValidationError(_("Alleen een coördinator handelt verzoeken af."))
    if not reason.strip():
        raise ValidationError(_("Schrijf de reden op: de aanvrager krijgt die te zien."))
    now = now or timezone.now()
    counts: dict[str, int] = {}
    if carry_out and request.kind == RequestKind.ERASURE:
        counts = _erase_requester(request, by, now)
    request.status = RequestStatus.DONE if carry_out else RequestStatus.REFUSED
    request.reason = reason.strip()
    request.handled_by = by
    request.handled_at = now
    request.save(update_fields=["status", "reason", "handled_by", "handled_at"])
    PrivacyEvent.objects.create(
        institution_id=request.institution_id,
        actor=by,
        action=f"request_{request.status}",
        counts={**counts, "late": int(now > request.deadline)},
        request=request,
        at=now,
    )
    return request


def _erase_requester(request: RightsRequest, by: User, now: dt.datetime) -> dict[str, int]:
    student = Student.objects.filter(user_id=request.requester_id).first()
    if student is not None:
        return student_erase(student=student, by=by, now=now, request=request)
    contact = CompanyContact.objects.filter(user_id=request.requester_id).first()
    if contact is not None:
        return contact_erase(contact=contact, by=by, now=now, request=request)
    raise ValidationError(
        _("Bij dit account horen geen gegevens van een student of contactpersoon.")
    )
