"""What apps above `students` add to a student's own pages.

`students` sits below `matching` (and the later placement apps), so it never imports them.
Instead they register here, in their `AppConfig.ready()`:

- a home panel: a template and its context, shown on the student's home page;
- an export section: keys added to the student's data export (AVG right of access).

Each contributor gets the student and their learning profile (None when there is none yet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import LearningProfile, Student

Contributor = Callable[[Student, LearningProfile | None], dict[str, Any]]


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: Contributor


HOME_PANELS: list[HomePanel] = []
EXPORT_SECTIONS: list[Contributor] = []


def register_home_panel(template: str, context: Contributor) -> None:
    HOME_PANELS.append(HomePanel(template, context))


def register_export_section(section: Contributor) -> None:
    EXPORT_SECTIONS.append(section)


def home_panels(student: Student, profile: LearningProfile | None) -> list[dict[str, Any]]:
    """The registered panels, each as {"template": ..., "context": {...}}, in order."""
    return [
        {"template": panel.template, "context": panel.context(student, profile)}
        for panel in HOME_PANELS
    ]


def export_sections(student: Student, profile: LearningProfile | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for section in EXPORT_SECTIONS:
        data.update(section(student, profile))
    return data
