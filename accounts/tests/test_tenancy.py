"""The scoping mechanism itself (accounts.tenancy)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django_scopes import scope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Role, Team
from accounts.tenancy import (
    ScopeError,
    TenancyMiddleware,
    each_school,
    school_of,
    school_scope,
    school_scope_of,
)
from accounts.tests.factories import InstitutionFactory, TeamFactory, UserFactory
from programmes.models import Programme
from programmes.tests.factories import ProgrammeFactory
from students.models import Student
from students.tests.factories import StudentFactory


class ProgrammeChoice(forms.Form):
    """Defined at import time, outside any scope, like every form in the app."""

    programme = forms.ModelChoiceField(queryset=Programme.objects.all())


@pytest.mark.django_db
def test_outside_a_scope_every_query_of_school_data_refuses() -> None:
    StudentFactory.create()
    with scope():  # a scope without a school, as an anonymous request has
        for attempt in (
            lambda: list(Student.objects.all()),
            lambda: Student.objects.count(),
            lambda: Student.objects.exists(),
            lambda: Student.objects.exclude(cohort=1),
            lambda: Student.objects.filter(cohort=2026),
            lambda: Student.objects.update(cohort=1),
            lambda: Student.objects.all().delete(),
            lambda: Student.objects.values_list("pk"),
            lambda: Programme.objects.filter(pk__in=Student.objects.all()).count(),
            lambda: Programme.objects.annotate(
                n=Subquery(Student.objects.filter(programme=OuterRef("pk")).values("pk")[:1])
            ),
        ):
            with pytest.raises(ScopeError):
                attempt()
        assert list(Student.objects.none()) == []


@pytest.mark.django_db
def test_a_scope_shows_one_school_and_its_related_rows() -> None:
    a, b = StudentFactory.create(), StudentFactory.create()
    with school_scope(a.programme.institution):
        assert list(Student.objects.all()) == [a]
        assert not Student.objects.filter(pk=b.pk).exists()
        # Reverse relations are scoped too; forward ones follow the row you already have.
        assert list(b.programme.students.all()) == []
        assert b.programme.institution == b.user.institution


@pytest.mark.django_db
def test_a_form_built_in_a_request_gets_that_requests_choices() -> None:
    mine, other = ProgrammeFactory.create(), ProgrammeFactory.create()
    with school_scope(mine.institution):
        form = ProgrammeChoice(data={"programme": other.pk})
        field = form.fields["programme"]
        assert isinstance(field, forms.ModelChoiceField)
        assert field.queryset is not None
        assert list(field.queryset.values_list("pk", flat=True)) == [mine.pk]
        assert not form.is_valid()


@pytest.mark.django_db
def test_a_task_runs_in_the_school_of_its_object() -> None:
    a, b = StudentFactory.create(), StudentFactory.create()
    assert school_of(Student, a.pk) == a.programme.institution_id
    with school_scope_of(Student, a.pk):
        assert list(Student.objects.values_list("pk", flat=True)) == [a.pk]
    with school_scope_of(Student, 10**9), pytest.raises(ScopeError):
        Student.objects.count()
    seen = {inst.pk: list(Student.objects.values_list("pk", flat=True)) for inst in each_school()}
    assert seen[a.programme.institution_id] == [a.pk]
    assert seen[b.programme.institution_id] == [b.pk]


@pytest.mark.django_db
def test_the_middleware_scopes_each_request_to_the_users_school() -> None:
    a, b = StudentFactory.create(), StudentFactory.create()
    seen: list[Any] = []

    def view(request: HttpRequest) -> HttpResponse:
        try:
            seen.append(list(Student.objects.values_list("pk", flat=True)))
        except ScopeError:
            seen.append("refused")
        return HttpResponse()

    middleware = TenancyMiddleware(view)
    request = RequestFactory().get("/")
    request.user = a.user
    middleware(request)
    request.user = AnonymousUser()
    middleware(request)
    request.user = UserFactory.create(role=Role.COORDINATOR, institution=None)
    middleware(request)
    request.user = UserFactory.create(is_superuser=True, institution=None)
    middleware(request)
    assert seen[:3] == [[a.pk], "refused", "refused"]
    assert set(seen[3]) == {a.pk, b.pk}


@pytest.mark.django_db
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(counts=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=4))
def test_in_any_schools_scope_only_its_rows_exist(counts: list[int]) -> None:
    schools = [InstitutionFactory.create() for _ in counts]
    for school, n in zip(schools, counts, strict=True):
        TeamFactory.create_batch(n, institution=school)
    for school, n in zip(schools, counts, strict=True):
        with school_scope(school):
            teams = list(Team.objects.all())
            assert len(teams) == n
            assert {t.institution_id for t in teams} <= {school.pk}
