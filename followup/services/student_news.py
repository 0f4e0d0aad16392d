"""The student hears it when their placement ends early or the company refuses them: one
mail through the outbox (sent by its worker, made when it is sent) and a line on their home
page (`student_state`). Plain Dutch, no blame, what happens next and whom to ask."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage
from placements.models import Placement, PlacementStatus

from ..models import Ending, EndReason

KIND = "placement_news"
REFUSED, ENDED, REPLACED, LEFT = "refused", "ended", "replaced", "left"


def student_news_queue(*, placement: Placement, event: str) -> None:
    """One mail per placement and event (a second call queues nothing)."""
    outbox.enqueue(
        outbox.Mail(
            recipient_id=placement.student.user_id,
            kind=KIND,
            key=f"placement-news:{placement.pk}:{event}",
            context={"placement": placement.pk, "event": event},
        )
    )


def student_state(placement: Placement) -> str:
    """What the student should know about a placement: moved on (re-placed), stopped because
    they left the programme, ended early, refused by the company, or "" (running)."""
    ending: Ending | None = getattr(placement, "ending", None)
    if hasattr(placement, "replaced_by"):
        return REPLACED
    left = placement.student.left_on is not None
    if left or (ending is not None and ending.reason == EndReason.STUDENT_LEFT):
        return LEFT
    if placement.status == PlacementStatus.ENDED_EARLY:
        return ENDED
    if ending is not None and ending.reason == EndReason.REFUSAL:
        return REFUSED
    return ""


def student_news_render(message: OutboxMessage) -> tuple[str, str] | None:
    """The mail, made when it is sent; nothing when the news is already overtaken (a refusal
    whose placement has ended meanwhile gets the end's mail only; re-placed; left)."""
    placement = (
        Placement.objects.filter(pk=message.context.get("placement"))
        .select_related("company", "student__user", "student__programme__institution")
        .first()
    )
    if placement is None:
        return None
    state = student_state(placement)
    if state not in (REFUSED, ENDED) or state != message.context.get("event"):
        return None
    company = placement.company.legal_name
    body = render_to_string(
        "followup/email_student_news.txt",
        {
            "name": placement.student.user.full_name,
            "company": company,
            "refused": state == REFUSED,
            "ended_on": date_format(placement.ended_on, "j F Y") if placement.ended_on else "",
            "contact": placement.student.programme.institution.contact_email,
            "url": settings.SITE_URL + reverse("followup:detail", args=[placement.pk]),
        },
    )
    if state == REFUSED:
        subject = _("Je stage bij %(company)s gaat niet door") % {"company": company}
    else:
        subject = _("Je stage bij %(company)s is gestopt") % {"company": company}
    return subject, body
