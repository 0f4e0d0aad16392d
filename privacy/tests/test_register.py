"""The processing register cannot drift from the code: every field of every model of the
project is declared, as personal data under a row of the register or as not personal."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings

from privacy.kinds import KIND_BY_KEY
from privacy.not_personal import NOT_PERSONAL
from privacy.register import KEPT, REGISTER

# Django's own and third-party apps: sessions, the login log (axes) and permissions are
# covered by docs/privacy.md and their own retention (accounts housekeeping).
OUR_APPS = [
    app.label
    for app in apps.get_app_configs()
    if not app.name.startswith(("django.", "axes", "crispy"))
    and app.name in settings.INSTALLED_APPS
]


def _fields() -> set[str]:
    found = set()
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if (field.concrete or field.many_to_many) and not field.auto_created:
                    found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_field_of_every_model_is_declared_personal_or_not() -> None:
    personal = [f for row in REGISTER for f in row.fields]
    not_personal = {f"{model}.{name}" for model, names in NOT_PERSONAL.items() for name in names}
    fields = _fields()
    assert fields, OUR_APPS
    undeclared = fields - set(personal) - not_personal
    assert not undeclared, f"declare in privacy.register or privacy.not_personal: {undeclared}"
    assert not (set(personal) & not_personal), "a field is declared both personal and not"
    assert len(personal) == len(set(personal)), "a personal field is listed under two rows"
    stale = (set(personal) | not_personal) - fields
    assert not stale, f"declared but no such field: {stale}"


def test_every_row_has_a_term_and_says_who_and_why() -> None:
    keys = [row.key for row in REGISTER]
    assert len(keys) == len(set(keys))
    for row in REGISTER:
        assert row.term == KEPT or row.term in KIND_BY_KEY, row.key
        assert row.fields and row.stored and row.purpose and row.legal_basis and row.who


def test_the_walk_covers_the_apps_that_hold_people() -> None:
    assert {"accounts", "students", "companies", "followup", "matching", "privacy"} <= set(OUR_APPS)
