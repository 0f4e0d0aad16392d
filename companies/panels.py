"""What apps above `companies` add to the staff page of a company. `companies` sits below the
placement apps, so it never imports them; they register a panel here in their
`AppConfig.ready()`: a template and a function giving its context for the company."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import Company


@dataclass(frozen=True)
class StaffPanel:
    template: str
    context: Callable[[Company], dict[str, Any]]


STAFF_PANELS: list[StaffPanel] = []


def register_staff_panel(template: str, context: Callable[[Company], dict[str, Any]]) -> None:
    STAFF_PANELS.append(StaffPanel(template, context))


def staff_panels(company: Company) -> list[dict[str, Any]]:
    return [{"template": p.template, "context": p.context(company)} for p in STAFF_PANELS]
