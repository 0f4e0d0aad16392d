"""Shows stored wording flags in Dutch: level, ground, field, words and the suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companies.models import Offer
from companies.wording import BLOCK, GROUNDS, LEVELS

register = template.Library()

# Fields outside the offer that go through the check.
OTHER_FIELDS = {"note": gettext_lazy("toelichting")}


@dataclass(frozen=True)
class FlagView:
    level: str
    level_label: str
    ground_label: str
    field_label: str
    words: str
    suggestion: str

    @property
    def blocks(self) -> bool:
        return self.level == BLOCK


def _field_label(name: str) -> str:
    if name in OTHER_FIELDS:
        return str(OTHER_FIELDS[name])
    try:
        field = Offer._meta.get_field(name)
        return str(getattr(field, "verbose_name", name))
    except FieldDoesNotExist:  # a field that no longer exists on an old flag
        return name


def flag_view(flag: dict[str, Any]) -> FlagView:
    # Flags stored before lexicon version 2 have a Dutch ground name and no level.
    level = flag.get("level", BLOCK)
    ground = GROUNDS.get(flag.get("ground", ""))
    suggestion = flag.get("suggestion") or (
        (ground.block if level == BLOCK else ground.warn) if ground else ""
    )
    return FlagView(
        level=level,
        level_label=str(LEVELS.get(level, level)),
        ground_label=str(ground.label) if ground else str(flag.get("ground", "")),
        field_label=_field_label(str(flag.get("field", ""))),
        words=str(flag.get("words", "")),
        suggestion=_(suggestion) if suggestion else "",
    )


@register.filter
def wording_flags(flags: list[dict[str, Any]] | None) -> list[FlagView]:
    """`{% for f in offer.text_flags|wording_flags %}`: blocking flags first."""
    views = [flag_view(f) for f in flags or []]
    return sorted(views, key=lambda v: not v.blocks)
