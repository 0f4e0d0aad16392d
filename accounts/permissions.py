"""What an institution admin may do in the Django admin, per model: the one place it is set.

An institution admin works only on their own school (the admin is scoped like every request,
see `accounts.tenancy` and `accounts.schooladmin`). Models that are not listed here are for
the platform superuser only: login attempts (axes), groups, and support notes, which only the
care coordinator reads, in the app. Records that are evidence (runs, matches, approvals, the
audit log, transitions) are view-only.
"""

from __future__ import annotations

from django.db import models

ALL = ("view", "add", "change", "delete")
VIEW = ("view",)
VIEW_CHANGE = ("view", "change")

INSTITUTION_ADMIN_ACTIONS: dict[str, tuple[str, ...]] = {
    "accounts.user": ("view", "add", "change"),
    "accounts.institution": VIEW_CHANGE,
    "accounts.team": ALL,
    "accounts.outboxmessage": VIEW,
    # Shared reference data: every school reads it, the platform superuser keeps it.
    "catalog.elective": VIEW,
    "catalog.organisationtype": VIEW,
    "catalog.place": VIEW,
    "programmes.programme": ALL,
    "programmes.coretask": ALL,
    "programmes.workprocess": ALL,
    "spreadsheets.importbatch": VIEW,
    "companies.company": ("view", "change", "delete"),
    # Deleting a contact or a student erases or pseudonymises them (privacy.admin): their
    # history stays, nothing cascades.
    "companies.companycontact": ("view", "change", "delete"),
    "companies.recognitioncheck": VIEW,
    "companies.agreementversion": VIEW,
    "companies.agreementsignature": VIEW,
    "companies.offer": VIEW_CHANGE,
    "students.student": ("view", "change", "delete"),
    "students.learningprofile": VIEW_CHANGE,
    "students.intakedeadline": ALL,
    "students.profilechange": VIEW,
    "students.profilecomment": VIEW,
    "students.ownplacement": VIEW,
    "matching.round": VIEW_CHANGE,
    "matching.roundtransition": VIEW,
    "matching.run": VIEW,
    "matching.match": VIEW,
    "matching.approval": VIEW,
    "matching.auditevent": VIEW,
    "matching.notification": VIEW,
    "matching.objection": VIEW,
    "matching.preference": VIEW,
    "matching.shortlistitem": VIEW,
    "matching.roundcapacity": VIEW,
    "matching.intromeeting": VIEW,
    "placements.placement": VIEW,
    "placements.seat": VIEW,
    "privacy.retentionpolicy": VIEW,
    "privacy.erasure": VIEW,
    "privacy.privacyevent": VIEW,
    "privacy.rightsrequest": VIEW,
}

INSTITUTION_ADMIN_PERMISSIONS = frozenset(
    f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
    for label, actions in INSTITUTION_ADMIN_ACTIONS.items()
    for action in actions
)
INSTITUTION_ADMIN_APPS = frozenset(label.split(".")[0] for label in INSTITUTION_ADMIN_ACTIONS)


def institution_id_of(obj: models.Model) -> int | None:
    """The institution a row belongs to (None for shared reference data)."""
    from .models import Institution, User
    from .tenancy import school_path

    if isinstance(obj, Institution):
        return obj.pk
    if isinstance(obj, User):
        return obj.institution_id
    path = school_path(type(obj))
    if path is None:
        return None
    # The base manager is unscoped: this reads the row's own institution id, nothing else.
    value = type(obj)._base_manager.filter(pk=obj.pk).values_list(path, flat=True).first()
    return int(value) if value is not None else None
