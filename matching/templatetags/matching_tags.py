from __future__ import annotations

from django import template

from matching.forms import WEIGHT_LABELS

register = template.Library()


@register.filter
def criterion_label(key: str) -> str:
    return str(WEIGHT_LABELS.get(key, key))
