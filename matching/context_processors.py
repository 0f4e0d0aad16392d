from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from .models import Notification


def notifications(request: HttpRequest) -> dict[str, Any]:
    """Unread in-app notifications; only rounds whose release moment has passed."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = list(
        Notification.objects.filter(
            recipient=user, read_at__isnull=True, round__release_at__lte=timezone.now()
        )
        .select_related("round")
        .order_by("-id")[:3]
    )
    return {"unread_notifications": unread}
