from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.models import Role
from accounts.tests.factories import UserFactory
from catalog.tests.factories import PlaceFactory
from programmes.tests.factories import ProgrammeFactory
from students.models import LearningProfile, ProfileStatus, Student, TransportMode


class StudentFactory(DjangoModelFactory[Student]):
    class Meta:
        model = Student

    user = factory.SubFactory(UserFactory, role=Role.STUDENT)
    programme = factory.SubFactory(
        ProgrammeFactory, institution=factory.SelfAttribute("..user.institution")
    )
    student_number = factory.Sequence(lambda n: f"S{n:06d}")
    cohort = 2026


class LearningProfileFactory(DjangoModelFactory[LearningProfile]):
    class Meta:
        model = LearningProfile

    student = factory.SubFactory(StudentFactory)
    status = ProfileStatus.SUBMITTED
    learning_wish_1 = "Ik wil gestructureerd leren werken in een klein team"
    home_place = factory.SubFactory(PlaceFactory)
    transport_mode = TransportMode.BIKE
    max_travel_minutes = 30
    hours_per_week = 32
