from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from matching.engine import Plain, plain
from matching.forms import WEIGHT_LABELS
from matching.selectors.fairness import dimension_label, group_label, reason_text
from matching.services.audit import action_label

register = template.Library()


@register.filter
def audit_action(action: str) -> str:
    """A round log's action in words."""
    return action_label(action)


@register.filter
def criterion_label(key: str) -> str:
    return str(WEIGHT_LABELS.get(key, key))


@register.filter
def fairness_group(row: dict[str, Any]) -> str:
    """A fairness row's group as shown: its dimension and label."""
    return f"{dimension_label(row['dimension'])}: {group_label(row['dimension'], row['label'])}"


@register.filter
def fairness_reasons(row: dict[str, Any]) -> str:
    """The main unplaced reasons of a fairness row, with their counts."""
    language = get_language() or "nl"
    return "; ".join(
        f"{reason_text(key, rule, language[:2])} ({n})" for key, rule, n in row.get("reasons", [])
    )


@register.filter
def points(value: float | None) -> str:
    """A gap in percentage points, signed ("+3,5", "−12,0"); "–" when unknown."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return (
        f"{sign}{abs(value):.1f}".replace(".", ",")
        if get_language() == "nl"
        else (f"{sign}{abs(value):.1f}")
    )


@register.filter
def fairness_summary(fairness: dict[str, Any] | None) -> str:
    """One line for the run comparison: students with a support need against the cohort, and
    how many groups are more than 10 points behind."""
    if not fairness:
        return "–"
    support = next(
        (r for r in fairness["groups"] if r["dimension"] == "support" and r["label"] == "yes"),
        None,
    )
    warnings = sum(1 for r in fairness["groups"] if r.get("warn"))
    parts = []
    if support and support["rate"] is not None:
        parts.append(
            _("extra begeleiding %(rate)s%% (%(gap)s pt)")
            % {"rate": round(100 * support["rate"]), "gap": points(support["gap_rate"])}
        )
    parts.append(ngettext("%(n)s waarschuwing", "%(n)s waarschuwingen", warnings) % {"n": warnings})
    return " · ".join(parts)


@register.filter
def plain_explanation(criteria: Any) -> Plain:
    """What fits and what fits less, in the page's language: from stored criteria (a match's
    or placement's explanation) or from a pair the engine scored just now."""
    if hasattr(criteria, "as_dict"):
        criteria = criteria.as_dict()["criteria"]
    return plain(criteria or [], (get_language() or "nl")[:2])
