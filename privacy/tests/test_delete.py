"""Deleting a student or a company contact, in the admin or by a raw delete: nothing cascades
away a fact of a round; the admin's delete takes the erase-or-pseudonymise path."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from companies.models import CompanyContact
from matching.models import AuditEvent, Match
from placements.models import Placement
from privacy.models import PrivacyEvent
from privacy.services.pseudonyms import contact_pseudonym, student_pseudonym
from students.models import Student

from .conftest import Released

pytestmark = pytest.mark.django_db


def _admin(released: Released) -> Client:
    admin = UserFactory.create(role=Role.INSTITUTION_ADMIN, institution=released.round.institution)
    client = Client()
    client.force_login(admin)
    return client


def test_deleting_a_placed_student_in_the_admin_pseudonymises_and_keeps_the_history(
    released: Released,
) -> None:
    student = released.student
    matches = list(Match.objects.filter(round=released.round).values_list("pk", "offer_id"))
    audit = AuditEvent.objects.filter(round=released.round).count()
    client = _admin(released)
    url = reverse("admin:students_student_delete", args=[student.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "gepseudonimiseerd" in page.content.decode()
    assert client.post(url, {"post": "yes"}).status_code == 302

    student = Student.objects.select_related("user").get(pk=student.pk)
    assert student.student_number == student_pseudonym(student.pk)
    assert student.user.full_name == "" and not student.user.is_active
    assert list(Match.objects.filter(round=released.round).values_list("pk", "offer_id")) == (
        matches
    )
    assert Placement.objects.filter(student=student).count() == 1
    assert AuditEvent.objects.filter(round=released.round).count() == audit
    assert PrivacyEvent.objects.get(action="student_erased").counts["identity"] == 1

    coordinator = Client()
    coordinator.force_login(released.world.coordinator)
    detail = coordinator.get(reverse("matching:round-detail", args=[released.round.pk]))
    assert detail.status_code == 200
    assert student.user.email not in detail.content.decode()


def test_deleting_the_account_of_a_student_or_contact_in_the_admin_erases_it(
    released: Released,
) -> None:
    root = User.objects.create_superuser("root@example.nl", "Lang-genoeg-wachtwoord-7")
    client = Client()
    client.force_login(root)
    contact = CompanyContact.objects.get(company=released.placement.company)
    url = reverse("admin:accounts_user_delete", args=[contact.user_id])
    assert client.post(url, {"post": "yes"}).status_code == 302
    user = User.objects.get(pk=contact.user_id)
    assert user.email == f"{contact_pseudonym(contact.pk).lower()}@verwijderd.invalid"
    assert CompanyContact.objects.filter(pk=contact.pk).exists()


def test_a_raw_delete_of_a_placed_student_is_refused(released: Released) -> None:
    with pytest.raises(ProtectedError):
        released.student.user.delete()
    with pytest.raises(ProtectedError):
        Student.objects.filter(pk=released.student.pk).delete()
    assert Match.objects.filter(profile__student=released.student).exists()


def test_another_schools_admin_cannot_delete_the_student(released: Released) -> None:
    other = UserFactory.create(role=Role.INSTITUTION_ADMIN)
    client = Client()
    client.force_login(other)
    url = reverse("admin:students_student_delete", args=[released.student.pk])
    assert client.post(url, {"post": "yes"}).status_code in (302, 403, 404)
    student = Student.objects.select_related("user").get(pk=released.student.pk)
    assert student.user.full_name != ""


def test_deleting_a_company_with_placements_erases_its_contacts_and_keeps_it(
    released: Released,
) -> None:
    company = released.placement.company
    contact = CompanyContact.objects.get(company=company)
    placements = Placement.objects.filter(company=company).count()
    client = _admin(released)
    url = reverse("admin:companies_company_delete", args=[company.pk])
    assert "gepseudonimiseerd" in client.get(url).content.decode()
    assert client.post(url, {"post": "yes"}).status_code == 302
    company.refresh_from_db()
    assert company.status == "inactive"
    assert Placement.objects.filter(company=company).count() == placements >= 1
    user = User.objects.get(pk=contact.user_id)
    assert not user.is_active and user.email.startswith(contact_pseudonym(contact.pk).lower())
    assert PrivacyEvent.objects.get(action="company_erased").counts == {"contact": 1}
