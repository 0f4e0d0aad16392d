"""The URL conf as data, for the tests that walk every page."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


def named_patterns(
    resolver: URLResolver | None = None, prefix: str = ""
) -> list[tuple[str, URLPattern]]:
    """Every named URL outside the Django admin, as (namespaced name, pattern)."""
    found = []
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.app_name == "admin":
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            found.extend(named_patterns(p, ns))
        elif p.name:
            found.append((f"{prefix}{p.name}", p))
    return found


def is_post_only(view: Any) -> bool:
    """Marked with `accounts.access.post_only`, or a class-based view without GET (logout)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "get" not in view_class.http_method_names
    return bool(getattr(view, "post_only", False))


def post_only_url_names() -> set[str]:
    return {name for name, pattern in named_patterns() if is_post_only(pattern.callback)}
