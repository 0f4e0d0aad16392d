"""Template filters for public pages: the one small-count rule (`catalog.public`)."""

from __future__ import annotations

from django import template

from catalog import public

register = template.Library()


@register.filter
def public_count(n: int | None) -> str:
    return public.public_count(n)


@register.filter
def public_share(value: float | None, group_size: int | None) -> str:
    return public.public_share(value, group_size)
