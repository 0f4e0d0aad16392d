from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from accounts.models import Role
from accounts.tests.factories import InstitutionFactory, UserFactory
from catalog.tests.factories import OrganisationTypeFactory, PlaceFactory
from companies.models import Company, CompanyContact, CompanyStatus, Offer, OfferStatus
from programmes.tests.factories import ProgrammeFactory


class CompanyFactory(DjangoModelFactory[Company]):
    class Meta:
        model = Company

    institution = factory.SubFactory(InstitutionFactory)
    legal_name = factory.Faker("company", locale="nl_NL")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    street = "Marktstraat 1"
    postcode = "6511 AB"
    place = factory.SubFactory(PlaceFactory)
    organisation_type = factory.SubFactory(OrganisationTypeFactory)
    size_class = "small"
    status = CompanyStatus.ACTIVE


class CompanyContactFactory(DjangoModelFactory[CompanyContact]):
    class Meta:
        model = CompanyContact

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(
        UserFactory,
        role=Role.COMPANY_CONTACT,
        institution=factory.SelfAttribute("..company.institution"),
    )
    job_title = "Praktijkopleider"


class OfferFactory(DjangoModelFactory[Offer]):
    class Meta:
        model = Offer

    company = factory.SubFactory(CompanyFactory)
    programme = factory.SubFactory(
        ProgrammeFactory, institution=factory.SelfAttribute("..company.institution")
    )
    status = OfferStatus.PUBLISHED
    period_start = dt.date(2027, 2, 1)
    period_end = dt.date(2027, 6, 30)
    capacity = 2
    learning_text = "Je bouwt mee aan webapplicaties in een scrumteam."
    hours_per_week = 32
