"""The record of what was decided cannot be edited in the Django admin: matches, approvals,
runs and audit events are read-only and undeletable there (one mixin), for the platform
superuser too, and an institution admin sees only their own school's."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts.admin_readonly import ReadOnlyAdminMixin
from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from matching.models import Approval, AuditEvent, Match, Run
from matching.services import review
from matching.tests.conftest import World, build_world, to_review

RECORDS: list[type[models.Model]] = [Match, Approval, Run, AuditEvent]


def _rows(world: World) -> dict[type[models.Model], Any]:
    match = Match.objects.filter(round=world.round, offer__isnull=False).first()
    assert match is not None
    review.match_approve(match=match, by=world.reviewer, opened=True)
    return {
        Match: match,
        Approval: Approval.objects.get(match=match),
        Run: Run.objects.filter(round=world.round).first(),
        AuditEvent: AuditEvent.objects.filter(round=world.round).first(),
    }


def _state() -> list[Any]:
    return [
        sorted(Match.objects.values_list("pk", "offer", "status", "changed_by", "score")),
        sorted(Approval.objects.values_list("pk", "match", "by")),
        sorted(Run.objects.values_list("pk", "status", "output_sha256")),
        sorted(AuditEvent.objects.values_list("pk", "action")),
    ]


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m.__name__)
def test_one_read_only_mixin_on_every_record(model: type[models.Model]) -> None:
    assert isinstance(admin.site._registry[model], ReadOnlyAdminMixin)


@pytest.mark.parametrize("superuser", [True, False], ids=["superuser", "institution-admin"])
def test_records_cannot_be_added_changed_or_deleted(reviewed: World, superuser: bool) -> None:
    rows = _rows(reviewed)
    if superuser:
        user = User.objects.create_superuser(email="root@example.nl", password="x-Lang-genoeg-1")
    else:
        user = UserFactory.create(
            role=Role.INSTITUTION_ADMIN, institution=reviewed.round.institution
        )
    client = Client()
    client.force_login(user)
    before = _state()
    for model, obj in rows.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist = client.get(reverse(f"{info}_changelist"))
        assert changelist.status_code == 200, model
        assert 'name="action"' not in changelist.content.decode()  # no bulk delete
        change = reverse(f"{info}_change", args=[obj.pk])
        page = client.get(change)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode(), model
        data = {"status": "rejected", "offer": "", "changed_by": str(user.pk), "action": "x"}
        assert client.post(change, data).status_code == 403, model
        assert client.get(reverse(f"{info}_add")).status_code == 403, model
        assert client.post(reverse(f"{info}_add"), data).status_code == 403, model
        delete = reverse(f"{info}_delete", args=[obj.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403, model
        bulk = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
        client.post(reverse(f"{info}_changelist"), bulk)
    assert _state() == before


def test_an_institution_admin_sees_only_their_own_schools_records(reviewed: World) -> None:
    own = _rows(reviewed)
    other_world = build_world()
    to_review(other_world)
    other = _rows(other_world)
    user = UserFactory.create(role=Role.INSTITUTION_ADMIN, institution=reviewed.round.institution)
    client = Client()
    client.force_login(user)
    page = client.get(reverse("admin:matching_match_changelist")).content.decode()
    assert own[Match].pseudonym in page
    mine = set(Match.objects.filter(round=reviewed.round).values_list("pseudonym", flat=True))
    assert all(
        m.pseudonym not in page or m.pseudonym in mine
        for m in Match.objects.filter(round=other_world.round)
    )
    for model, obj in other.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        response = client.get(reverse(f"{info}_change", args=[obj.pk]))
        assert response.status_code in (302, 404), model  # "does not exist" for another school
