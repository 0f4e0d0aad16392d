"""The privacy pages: settings and register for the institution admin of the school only,
the rights requests (filed by a student or contact, decided by a coordinator with a reason,
overdue on top), and the company contact's own data download."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import InstitutionFactory, UserFactory
from companies.tests.factories import CompanyContactFactory
from privacy.dates import deadline_after
from privacy.kinds import DEFAULTS, KINDS
from privacy.models import PrivacyEvent, RequestStatus, RetentionPolicy, RightsRequest
from privacy.register import REGISTER
from privacy.services.requests import request_file
from students.models import Student
from students.tests.factories import StudentFactory

from .conftest import Released

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _terms(**changes: int | str) -> dict[str, object]:
    return {**DEFAULTS, **changes}


def test_the_admin_sees_and_saves_the_terms_of_their_school() -> None:
    admin = UserFactory.create(role=Role.INSTITUTION_ADMIN)
    client = _client(admin)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert all(str(kind.label) in page for kind in KINDS)
    response = client.post(reverse("privacy:retention"), _terms(identity_months=36))
    assert response.status_code == 302
    policy = RetentionPolicy.objects.get(institution=admin.institution)
    assert policy.identity_months == 36 and policy.confirmed_by == admin
    assert PrivacyEvent.objects.get(action="terms_saved").counts == {"identity_months": 36}


def test_a_shorter_term_needs_a_confirmation_and_bounds_are_checked_on_the_server() -> None:
    admin = UserFactory.create(role=Role.INSTITUTION_ADMIN)
    client = _client(admin)
    url = reverse("privacy:retention")
    refused = client.post(url, _terms(identity_months=6))
    assert refused.status_code == 200 and "Bevestig" in refused.content.decode()
    assert not RetentionPolicy.objects.filter(institution=admin.institution).exists()
    too_long = client.post(url, _terms(mail_days=9999, confirm_shorter="on"))
    assert too_long.status_code == 200
    assert not RetentionPolicy.objects.filter(institution=admin.institution).exists()
    assert client.post(url, _terms(identity_months=6, confirm_shorter="on")).status_code == 302
    assert RetentionPolicy.objects.get(institution=admin.institution).identity_months == 6


def test_another_schools_terms_are_neither_shown_nor_changed() -> None:
    other = RetentionPolicy.objects.create(institution=InstitutionFactory.create(), mail_days=11)
    admin = UserFactory.create(role=Role.INSTITUTION_ADMIN)
    client = _client(admin)
    client.post(reverse("privacy:retention"), _terms(mail_days=30, confirm_shorter="on"))
    other.refresh_from_db()
    assert other.mail_days == 11
    assert RetentionPolicy.objects.get(institution=admin.institution).mail_days == 30


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.REVIEWER, Role.STUDENT])
def test_settings_and_register_are_refused_to_other_roles(role: Role) -> None:
    client = _client(UserFactory.create(role=role))
    assert client.get(reverse("privacy:retention")).status_code == 403
    assert client.get(reverse("privacy:register")).status_code == 403


def test_the_register_shows_every_row_with_the_schools_own_term() -> None:
    admin = UserFactory.create(role=Role.INSTITUTION_ADMIN)
    RetentionPolicy.objects.create(institution=admin.institution, signal_months=37)
    page = _client(admin).get(reverse("privacy:register")).content.decode()
    assert all(str(row.name) in page for row in REGISTER)
    assert "37 maanden" in page


def test_a_student_files_a_request_and_a_coordinator_erases_with_a_reason(
    released: Released,
) -> None:
    student = released.world.students[1]
    client = _client(student.user)
    response = client.post(
        reverse("privacy:mine"), {"kind": "erasure", "text": "Wis mijn gegevens alsjeblieft"}
    )
    assert response.status_code == 302
    request = RightsRequest.objects.get(requester=student.user)
    assert request.deadline == deadline_after(request.created_at, 1)  # one month
    coordinator = _client(released.world.coordinator)
    listing = coordinator.get(reverse("privacy:requests")).content.decode()
    assert reverse("privacy:request", args=[request.pk]) in listing
    url = reverse("privacy:request", args=[request.pk])
    assert coordinator.post(url, {"decision": "carry_out", "reason": ""}).status_code == 200
    done = coordinator.post(url, {"decision": "carry_out", "reason": "Gewist op verzoek."})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE and request.handled_by == released.world.coordinator
    assert not Student.objects.select_related("user").get(pk=student.pk).user.is_active
    assert PrivacyEvent.objects.filter(action="request_done", request=request).exists()
    assert PrivacyEvent.objects.filter(action="student_erased", request=request).exists()


def test_overdue_requests_come_first_and_other_schools_are_not_listed(
    released: Released,
) -> None:
    now = timezone.now()
    students = released.world.students
    late = request_file(
        by=students[2].user, kind="correction", text="a", now=now - dt.timedelta(days=40)
    )
    fresh = request_file(by=students[3].user, kind="correction", text="b", now=now)
    foreign = request_file(
        by=StudentFactory.create().user,
        kind="correction",
        text="c",
        now=now - dt.timedelta(days=60),
    )
    page = _client(released.world.coordinator).get(reverse("privacy:requests")).content.decode()
    first, second = (page.index(reverse("privacy:request", args=[r.pk])) for r in (late, fresh))
    assert first < second and "te laat" in page
    assert reverse("privacy:request", args=[foreign.pk]) not in page
    other = UserFactory.create(role=Role.COORDINATOR)
    assert _client(other).get(reverse("privacy:request", args=[late.pk])).status_code == 404
    assert _client(students[2].user).get(reverse("privacy:requests")).status_code == 403


def test_a_company_contact_downloads_their_own_data() -> None:
    contact = CompanyContactFactory.create(user__full_name="Piet Praktijk", job_title="Chef")
    response = _client(contact.user).get(reverse("privacy:my-data"))
    data = json.loads(response.content)
    assert data["account"]["name"] == "Piet Praktijk" and data["contact"]["job_title"] == "Chef"
    assert response["Content-Disposition"].startswith("attachment")
    student = StudentFactory.create()
    assert _client(student.user).get(reverse("privacy:my-data")).status_code == 403


def test_the_students_own_download_includes_their_requests() -> None:
    student = StudentFactory.create()
    request_file(by=student.user, kind="correction", text="Mijn naam is fout gespeld")
    data = json.loads(_client(student.user).get(reverse("students:my-data")).content)
    assert data["privacy_requests"][0]["text"] == "Mijn naam is fout gespeld"
