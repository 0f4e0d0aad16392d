"""The role-aware navigation: each person sees only the parts that are for them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import STAFF_ROLES, Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]


COORD = frozenset({Role.COORDINATOR, Role.INSTITUTION_ADMIN})

NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem(_("Mijn leerwensen"), "students:home", frozenset({Role.STUDENT})),
    NavItem(_("Mijn stage"), "matching:result", frozenset({Role.STUDENT})),
    NavItem(_("Mijn bedrijf"), "companies:home", frozenset({Role.COMPANY_CONTACT})),
    NavItem(
        _("Gekoppelde studenten"), "matching:company-results", frozenset({Role.COMPANY_CONTACT})
    ),
    NavItem(_("Stappenplan"), "cockpit:dashboard", STAFF_ROLES),
    NavItem(_("Overzicht"), "matching:dashboard", STAFF_ROLES),
    NavItem(_("Studenten"), "students:staff-list", STAFF_ROLES),
    NavItem(_("Stages"), "followup:list", STAFF_ROLES),
    NavItem(_("Bedrijven"), "companies:staff-list", STAFF_ROLES),
    NavItem(_("Opleidingen"), "programmes:list", STAFF_ROLES),
    NavItem(_("Privacyverzoeken"), "privacy:requests", COORD),
    NavItem(_("Privacy"), "privacy:retention", frozenset({Role.INSTITUTION_ADMIN})),
    NavItem(_("Mijn privacy"), "privacy:mine", frozenset({Role.STUDENT, Role.COMPANY_CONTACT})),
)


def items_for(role: str | None) -> list[NavItem]:
    return [item for item in NAV_ITEMS if role in item.roles]
