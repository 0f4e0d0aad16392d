from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from .models import Notification

# Where each kind of release notification points.
TARGETS = {
    "student": "matching:result",
    "company": "matching:company-results",
    "counsellor": "students:staff-list",
}


@dataclass(frozen=True)
class Unread:
    pk: int
    kind: str
    round_name: str
    target_url: str


def notifications(request: HttpRequest) -> dict[str, Any]:
    """Unread in-app notifications; only rounds whose release moment has passed.

    Each carries `target_url`; on that page it is marked read by a POST the page sends.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    rows = (
        Notification.objects.filter(
            recipient=user, read_at__isnull=True, round__release_at__lte=timezone.now()
        )
        .order_by("-id")
        .values_list("pk", "kind", "round__name")[:3]
    )
    unread = [
        Unread(pk, kind, round_name, reverse(TARGETS.get(kind, "home")))
        for pk, kind, round_name in rows
    ]
    return {"unread_notifications": unread}
