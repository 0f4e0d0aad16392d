"""What apps above `students` add to a student's own pages.

`students` sits below `matching` (and the later placement apps), so it never imports them.
Instead they register here, in their `AppConfig.ready()`:

- a home panel: a template and its context, shown on the student's home page (and a staff
  panel, shown on the student's page for staff);
- an export section: keys added to the student's data export (AVG right of access);
- a profile lock: a reason why the student may not change their learning-wish form now
  (a round that includes them is between intake and release; they are placed);
- an intake window: whether a round is taking in forms for them now, which opens the form
  again after the deadline (e.g. a follow-up round for a student without a placement);
- the intake deadline: the one rule that says when the intake of programmes closes. The
  planning (`cockpit`) holds these dates; the student's deadline and a new round's intake
  date both ask it here.

Each contributor gets the student and their learning profile (None when there is none yet);
locks and windows get the student and the moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import LearningProfile, Student

Contributor = Callable[[Student, LearningProfile | None], dict[str, Any]]
ProfileLock = Callable[[Student, dt.datetime], str | None]
IntakeWindow = Callable[[Student, dt.datetime], bool]
# (institution id, programme ids, moment) -> when the intake of those programmes closes.
IntakeRule = Callable[[int, list[int], dt.datetime], dt.datetime | None]


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: Contributor


HOME_PANELS: list[HomePanel] = []
STAFF_PANELS: list[HomePanel] = []  # on the staff page of a student
EXPORT_SECTIONS: list[Contributor] = []
PROFILE_LOCKS: list[ProfileLock] = []
INTAKE_WINDOWS: list[IntakeWindow] = []
INTAKE_RULES: list[IntakeRule] = []


def register_home_panel(template: str, context: Contributor) -> None:
    HOME_PANELS.append(HomePanel(template, context))


def register_staff_panel(template: str, context: Contributor) -> None:
    STAFF_PANELS.append(HomePanel(template, context))


def register_export_section(section: Contributor) -> None:
    EXPORT_SECTIONS.append(section)


def register_profile_lock(lock: ProfileLock) -> None:
    PROFILE_LOCKS.append(lock)


def register_intake_window(window: IntakeWindow) -> None:
    INTAKE_WINDOWS.append(window)


def register_intake_deadline(rule: IntakeRule) -> None:
    INTAKE_RULES[:] = [rule]  # one rule, one place


def intake_closes_at(
    institution_id: int, programme_ids: list[int], now: dt.datetime
) -> dt.datetime | None:
    """When the intake of these programmes closes in the school year of `now` (None: no
    date planned), by the registered rule."""
    for rule in INTAKE_RULES:
        return rule(institution_id, programme_ids, now)
    return None


def profile_lock(student: Student, now: dt.datetime) -> str | None:
    """The first registered reason why the form is frozen for the student now, or None."""
    for lock in PROFILE_LOCKS:
        reason = lock(student, now)
        if reason:
            return reason
    return None


def intake_open(student: Student, now: dt.datetime) -> bool:
    return any(window(student, now) for window in INTAKE_WINDOWS)


def home_panels(student: Student, profile: LearningProfile | None) -> list[dict[str, Any]]:
    """The registered panels, each as {"template": ..., "context": {...}}, in order."""
    return [
        {"template": panel.template, "context": panel.context(student, profile)}
        for panel in HOME_PANELS
    ]


def staff_panels(student: Student, profile: LearningProfile | None) -> list[dict[str, Any]]:
    return [
        {"template": panel.template, "context": panel.context(student, profile)}
        for panel in STAFF_PANELS
    ]


def export_sections(student: Student, profile: LearningProfile | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for section in EXPORT_SECTIONS:
        data.update(section(student, profile))
    return data
