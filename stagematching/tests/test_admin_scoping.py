"""The Django admin across two schools: an institution admin works on their own school only,
cannot make anyone a superuser, and cannot read support notes; the superuser sees all."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from accounts.models import Institution, Role, User
from accounts.permissions import INSTITUTION_ADMIN_ACTIONS
from accounts.schooladmin import SchoolAdmin
from accounts.tenancy import school_path
from matching.models import Match
from students.models import SupportNote

from .two_schools import MARKER, TwoSchools, fingerprint

# Registered by Django and django-axes: for the platform superuser only.
SUPERUSER_ONLY = {"auth.group", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def _admin_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_school_b_admin_cannot_set_the_password_of_a_school_a_user(schools: TwoSchools) -> None:
    victim = schools.a_users[Role.STUDENT]
    before = User.objects.get(pk=victim.pk).password
    client = _admin_client(schools.b_users[Role.INSTITUTION_ADMIN])
    url = reverse("admin:auth_user_password_change", args=[victim.pk])
    data = {"password1": "Overgenomen-93!", "password2": "Overgenomen-93!"}
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    assert User.objects.get(pk=victim.pk).password == before
    assert not User.objects.get(pk=victim.pk).check_password("Overgenomen-93!")


@pytest.mark.django_db
def test_school_b_admin_cannot_change_a_school_a_user_or_match(schools: TwoSchools) -> None:
    before = fingerprint(schools.a)
    client = _admin_client(schools.b_users[Role.INSTITUTION_ADMIN])
    victim = schools.a_users[Role.COORDINATOR]
    user_url = reverse("admin:accounts_user_change", args=[victim.pk])
    data = {"email": "overgenomen@example.nl", "full_name": "X", "role": "coordinator"}
    assert client.post(user_url, {**data, "is_active": ""}).status_code == 302
    match = schools.a_objects["match"]
    match_url = reverse("admin:matching_match_change", args=[match.pk])
    assert client.post(match_url, {"status": "rejected", "offer": ""}).status_code in (302, 403)
    assert fingerprint(schools.a) == before
    # The redirect goes to the admin's own index with "does not exist": nothing of A shown.
    page = client.get(user_url, follow=True).content.decode()
    assert MARKER not in page


@pytest.mark.django_db
def test_institution_admin_cannot_see_or_set_superuser_groups_or_permissions(
    schools: TwoSchools,
) -> None:
    admin_b = schools.b_users[Role.INSTITUTION_ADMIN]
    reviewer = User.objects.get(pk=schools.b_users[Role.REVIEWER].pk)
    client = _admin_client(admin_b)
    url = reverse("admin:accounts_user_change", args=[reviewer.pk])
    page = client.get(url).content.decode()
    for field in ("is_superuser", "groups", "user_permissions", 'name="institution"'):
        assert field not in page
    data = {
        "email": reviewer.email,
        "full_name": "Nieuwe Naam",
        "role": Role.INSTITUTION_ADMIN,
        "is_active": "on",
        "is_superuser": "on",
        "institution": str(schools.a.pk),
    }
    assert client.post(url, data).status_code == 302
    reviewer.refresh_from_db()
    assert reviewer.full_name == "Nieuwe Naam"  # the allowed change went through
    assert not reviewer.is_superuser
    assert reviewer.institution_id == schools.b.pk
    # A user they add belongs to their own school, whatever the form says.
    add = reverse("admin:accounts_user_add")
    new = {"email": "nieuw@bravo.nl", "full_name": "N", "role": "reviewer"}
    new |= {"password1": "Lang-genoeg-wachtwoord-7", "password2": "Lang-genoeg-wachtwoord-7"}
    assert client.post(add, {**new, "institution": str(schools.a.pk)}).status_code == 302
    assert User.objects.get(email="nieuw@bravo.nl").institution_id == schools.b.pk


@pytest.mark.django_db
def test_nobody_reads_support_notes_in_the_admin(schools: TwoSchools) -> None:
    note = schools.a_objects["support_note"]
    assert SupportNote not in admin.site._registry
    for user in (schools.a_users[Role.INSTITUTION_ADMIN], schools.b_users[Role.INSTITUTION_ADMIN]):
        assert not user.has_perm("students.view_supportnote")
        assert not user.has_perm("students.view_supportnote", note)
    with pytest.raises(NoReverseMatch):
        reverse("admin:students_supportnote_changelist")


@pytest.mark.django_db
def test_permissions_are_scoped_to_the_own_school(schools: TwoSchools) -> None:
    admin_a = schools.a_users[Role.INSTITUTION_ADMIN]
    admin_b = schools.b_users[Role.INSTITUTION_ADMIN]
    match = schools.a_objects["match"]
    assert admin_a.has_perm("matching.view_match", match)
    assert not admin_b.has_perm("matching.view_match", match)
    assert not admin_a.has_perm("matching.change_match")  # evidence is view-only
    assert not admin_b.has_perm("accounts.change_user", schools.a_users[Role.STUDENT])
    for role in Role:
        if role != Role.INSTITUTION_ADMIN:
            user = User.objects.get(pk=schools.b_users[role].pk)
            assert not user.has_perm("accounts.view_user"), role
            assert not user.is_staff


@pytest.mark.django_db
def test_the_superuser_sees_every_school(schools: TwoSchools) -> None:
    root = User.objects.create_superuser("root@example.nl", "Lang-genoeg-wachtwoord-7")
    client = _admin_client(root)
    page = client.get(reverse("admin:matching_match_changelist")).content.decode()
    assert schools.a_objects["match"].pseudonym in page
    users = client.get(reverse("admin:accounts_user_changelist") + "?q=a").content.decode()
    assert (
        "is_superuser"
        in client.get(
            reverse("admin:accounts_user_change", args=[schools.b_users[Role.REVIEWER].pk])
        ).content.decode()
    )
    assert users
    assert Match.objects.count() >= 1


def test_every_admin_page_of_school_data_uses_the_school_base_class() -> None:
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        if school_path(model) is not None or model in (User, Institution):
            assert isinstance(model_admin, SchoolAdmin), label
        assert label in INSTITUTION_ADMIN_ACTIONS or label in SUPERUSER_ONLY, (
            f"{label}: say in accounts.permissions what an institution admin may do with it"
        )
