"""django-axes hooks: lockouts count per (e-mail address, IP), case-insensitively."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def username_from(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username")
    return username.strip().lower() if isinstance(username, str) else None
