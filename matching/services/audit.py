from __future__ import annotations

from typing import Any

from accounts.models import User
from matching.models import AuditEvent, Match, Round


def audit(
    round: Round, actor: User | None, action: str, match: Match | None = None, **detail: Any
) -> None:
    """Record who did what to a round (or one of its matches), with details, in its log."""
    AuditEvent.objects.create(round=round, match=match, actor=actor, action=action, detail=detail)
