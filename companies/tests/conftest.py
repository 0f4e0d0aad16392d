from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.tests.factories import InstitutionFactory
from companies.models import AgreementVersion, RecognitionCheck, RecognitionOutcome
from companies.tests.factories import CompanyContactFactory
from programmes.tests.factories import CoreTaskFactory, ProgrammeFactory, WorkProcessFactory


@pytest.fixture
def setup(db):
    """An institution with one programme, an agreement, and a recognised company with a contact."""
    institution = InstitutionFactory.create()
    programme = ProgrammeFactory.create(institution=institution, crebo="25604")
    task = CoreTaskFactory.create(programme=programme, code="B1-K1")
    wps = [WorkProcessFactory.create(core_task=task, code=f"B1-K1-W{i}") for i in (1, 2, 3)]
    agreement = AgreementVersion.objects.create(
        institution=institution,
        version=1,
        text="Wij wijzen niemand af op subjectieve gronden.",
        published_at=timezone.now(),
    )
    contact = CompanyContactFactory.create(
        company__institution=institution, company__claimed_crebos=["25604"]
    )
    RecognitionCheck.objects.create(
        company=contact.company,
        crebo="25604",
        outcome=RecognitionOutcome.RECOGNISED,
        verified_at=timezone.now(),
    )
    return {
        "institution": institution,
        "programme": programme,
        "wps": wps,
        "agreement": agreement,
        "contact": contact,
        "company": contact.company,
    }
