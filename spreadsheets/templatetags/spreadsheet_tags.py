from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_cell(row: dict[str, Any], column: str) -> Any:
    return row.get(column, "")


@register.filter
def get_row(row: dict[str, Any]) -> int:
    return int(row.get("_row", 0))
