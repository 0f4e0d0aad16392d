from __future__ import annotations

import datetime as dt
import io
from html import escape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from catalog.tests.factories import OrganisationTypeFactory, PlaceFactory
from companies import services
from companies.forms import CompanyForm
from companies.models import (
    AgreementSignature,
    Company,
    CompanyStatus,
    Offer,
    OfferStatus,
    RecognitionCheck,
    RecognitionOutcome,
)
from companies.selectors import offers_for_matching
from companies.tests.factories import CompanyContactFactory, OfferFactory
from spreadsheets.importing import import_apply, import_preview
from spreadsheets.models import ImportBatch


def _form(**overrides):
    place = PlaceFactory.create()
    data = {
        "legal_name": "Zorggroep De Linde",
        "kvk_number": "12345678",
        "street": "Lindelaan 4",
        "postcode": "6512ab",
        "place": place.pk,
        "organisation_type": OrganisationTypeFactory.create().pk,
        "size_class": "small",
    }
    data.update(overrides)
    return CompanyForm(data, institution_id=place.pk, submit="x")


@pytest.mark.django_db
def test_company_form_normalises_postcode() -> None:
    form = _form()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postcode"] == "6512 AB"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kvk_number", "1234567", "precies 8 cijfers"),
        ("kvk_number", "1234567a", "precies 8 cijfers"),
        ("branch_number", "12345", "precies 12 cijfers"),
        ("postcode", "651 AB", "Nederlandse postcode"),
        ("postcode", "0651 AB", "Nederlandse postcode"),
    ],
)
def test_company_fields_have_dutch_errors(field: str, value: str, message: str) -> None:
    form = _form(**{field: value})
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


# --- the agreement gate and recognition --------------------------------------------------


def test_publishing_needs_a_signature_on_the_current_version(setup) -> None:
    offer = OfferFactory.create(
        company=setup["company"], programme=setup["programme"], status=OfferStatus.DRAFT
    )
    offer.work_processes.set(setup["wps"][:2])
    with pytest.raises(ValidationError, match="Onderteken eerst"):
        services.offer_publish(offer=offer)
    services.agreement_sign(
        company=setup["company"],
        user=setup["contact"].user,
        signer_name="Jan",
        signer_role="Directeur",
    )
    services.offer_publish(offer=offer)
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PUBLISHED
    assert list(offers_for_matching(setup["institution"])) == [offer]
    # A new version: the old signature no longer counts, the offer leaves the allocation.
    services.agreement_publish(institution=setup["institution"], text="Versie 2")
    assert list(offers_for_matching(setup["institution"])) == []
    other = OfferFactory.create(
        company=setup["company"], programme=setup["programme"], status=OfferStatus.DRAFT
    )
    other.work_processes.set(setup["wps"][:1])
    with pytest.raises(ValidationError, match="Onderteken eerst"):
        services.offer_publish(offer=other)


def test_signature_records_name_role_time_and_version(setup) -> None:
    sig = services.agreement_sign(
        company=setup["company"],
        user=setup["contact"].user,
        signer_name="Jan Smit",
        signer_role="Eigenaar",
    )
    assert (sig.signer_name, sig.signer_role, sig.version.version) == ("Jan Smit", "Eigenaar", 1)
    assert abs((timezone.now() - sig.signed_at).total_seconds()) < 60
    again = services.agreement_sign(
        company=setup["company"], user=setup["contact"].user, signer_name="X", signer_role="Y"
    )
    assert again.pk == sig.pk and AgreementSignature.objects.count() == 1


def test_verification_record_and_offers_only_for_verified_crebos(setup) -> None:
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])
    services.agreement_sign(
        company=setup["company"], user=setup["contact"].user, signer_name="J", signer_role="D"
    )
    offer = OfferFactory.create(
        company=setup["company"], programme=setup["programme"], status=OfferStatus.DRAFT
    )
    offer.work_processes.set(setup["wps"][:1])
    services.offer_publish(offer=offer)
    check = services.recognition_verify(
        company=setup["company"],
        crebo="25604",
        outcome=RecognitionOutcome.NOT_RECOGNISED,
        by=coordinator,
    )
    assert (check.verified_by, check.crebo, check.outcome) == (
        coordinator,
        "25604",
        "not_recognised",
    )
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.DRAFT
    with pytest.raises(ValidationError, match="erkenning"):
        services.offer_publish(offer=Offer.objects.get(pk=offer.pk))
    with pytest.raises(ValidationError, match="niet erkend"):
        services.offer_save(
            offer=Offer(
                company=setup["company"],
                programme=setup["programme"],
                period_start=dt.date(2027, 2, 1),
                period_end=dt.date(2027, 6, 1),
                capacity=1,
                learning_text="x",
                hours_per_week=32,
            ),
            work_processes=setup["wps"][:1],
        )
    assert RecognitionCheck.objects.filter(company=setup["company"]).count() == 2


def test_stale_recognition_is_flagged(setup, settings) -> None:
    from companies.selectors import is_stale, latest_checks

    settings.RECOGNITION_MAX_AGE_DAYS = 30
    check = latest_checks(setup["company"])["25604"]
    assert not is_stale(check)
    RecognitionCheck.objects.filter(pk=check.pk).update(
        verified_at=timezone.now() - dt.timedelta(days=31)
    )
    assert is_stale(latest_checks(setup["company"])["25604"])


# --- the wording check in the offer flow (the check itself: test_wording.py) ----------------


def test_flagged_offer_cannot_be_published_until_changed_or_accepted(setup) -> None:
    services.agreement_sign(
        company=setup["company"], user=setup["contact"].user, signer_name="J", signer_role="D"
    )
    offer = Offer(
        company=setup["company"],
        programme=setup["programme"],
        period_start=dt.date(2027, 2, 1),
        period_end=dt.date(2027, 6, 30),
        capacity=2,
        hours_per_week=32,
        learning_text="Je leert testen.",
        presentation="Wij zoeken iemand die past in ons team.",
    )
    services.offer_save(offer=offer, work_processes=setup["wps"][:1])
    assert offer.text_flags
    with pytest.raises(ValidationError, match="past in ons team"):
        services.offer_publish(offer=offer)
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])
    with pytest.raises(ValidationError, match="reden"):
        services.offer_accept_text(offer=offer, by=coordinator, reason=" ")
    services.offer_accept_text(
        offer=offer, by=coordinator, reason="Bedoeld als: samenwerken met collega's"
    )
    services.offer_publish(offer=offer)
    # Changing the blocking words drops the acceptance, and the offer goes back to draft.
    offer.presentation = "Je bent maximaal 20 jaar."
    services.offer_save(offer=offer, work_processes=setup["wps"][:1])
    assert offer.text_accepted_by is None and offer.status == OfferStatus.DRAFT


def test_copy_offer_to_next_period(setup) -> None:
    offer = OfferFactory.create(company=setup["company"], programme=setup["programme"])
    offer.work_processes.set(setup["wps"])
    copy = services.offer_copy(
        offer=offer, period_start=dt.date(2027, 9, 1), period_end=dt.date(2028, 1, 31)
    )
    assert copy.pk != offer.pk and copy.status == OfferStatus.DRAFT
    assert set(copy.work_processes.all()) == set(setup["wps"]) and copy.capacity == offer.capacity


# --- access: one company never reaches another's data ------------------------------------


def test_a_company_cannot_read_or_change_another_companys_offer(setup) -> None:
    mine = OfferFactory.create(
        company=setup["company"], programme=setup["programme"], status=OfferStatus.DRAFT
    )
    intruder = CompanyContactFactory.create(company__institution=setup["institution"])
    client = Client()
    client.force_login(intruder.user)
    for name in ("companies:offer-edit", "companies:offer-copy"):
        assert client.get(reverse(name, kwargs={"pk": mine.pk})).status_code == 404
        assert (
            client.post(reverse(name, kwargs={"pk": mine.pk}), {"capacity": 9}).status_code == 404
        )
    for name in ("companies:offer-publish", "companies:offer-unpublish"):
        assert client.post(reverse(name, kwargs={"pk": mine.pk})).status_code == 404
    assert (
        client.get(
            reverse("companies:staff-detail", kwargs={"pk": setup["company"].pk})
        ).status_code
        == 403
    )
    home = client.get(reverse("companies:home")).content.decode()
    assert escape(setup["company"].legal_name) not in home
    mine.refresh_from_db()
    assert mine.capacity == 2 and mine.status == OfferStatus.DRAFT


def test_contact_creates_and_publishes_offer_through_views(setup) -> None:
    client = Client()
    client.force_login(setup["contact"].user)
    assert "Lezen en ondertekenen" in client.get(reverse("companies:home")).content.decode()
    client.post(
        reverse("companies:agreement"),
        {"signer_name": "Jan", "signer_role": "Eigenaar", "agree": "on"},
    )
    url = reverse("companies:offer-create") + f"?opleiding={setup['programme'].pk}"
    response = client.post(
        url,
        {
            "period_start": "2027-02-01",
            "period_end": "2027-06-30",
            "capacity": 2,
            "work_processes": [w.pk for w in setup["wps"][:2]],
            "learning_text": "Je bouwt en test webapplicaties.",
            "supervision_hours": 2,
            "hours_per_week": 32,
            "working_days": [0, 1, 2, 3],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = Offer.objects.get(company=setup["company"])
    client.post(reverse("companies:offer-publish", kwargs={"pk": offer.pk}))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED and offer.working_days == [0, 1, 2, 3]


def test_self_registration_waits_for_a_check(setup, django_capture_on_commit_callbacks) -> None:
    place, org = PlaceFactory.create(name="Wijchen"), OrganisationTypeFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            reverse("companies:register", kwargs={"institution": setup["institution"].slug}),
            {
                "legal_name": "Bakkerij Jansen",
                "kvk_number": "87654321",
                "street": "Markt 1",
                "postcode": "6601 AA",
                "place": place.pk,
                "organisation_type": org.pk,
                "size_class": "micro",
                "claimed_crebos": ["25604"],
                "contact_name": "Piet Jansen",
                "contact_email": "piet@bakkerij.example.nl",
            },
        )
    assert response.status_code == 200 and "Bedankt" in response.content.decode()
    company = Company.objects.get(kvk_number="87654321")
    assert company.status == CompanyStatus.PENDING and company.claimed_crebos == ["25604"]
    assert mail.outbox[0].to == ["piet@bakkerij.example.nl"]


# --- import --------------------------------------------------------------------------------

HEADER = (
    "naam;kvk;vestigingsnummer;straat;postcode;plaats;type;grootte;website;"
    "contact_naam;contact_email\n"
)


def _import(text: str, user):
    return import_preview(
        kind="companies", fh=io.BytesIO(text.encode()), filename="bedrijven.csv", user=user
    )


def test_company_import_reports_every_error_and_writes_nothing(setup) -> None:
    PlaceFactory.create(name="Nijmegen")
    OrganisationTypeFactory.create(slug="zorginstelling", name="Zorginstelling")
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])
    bad = HEADER + (
        "Goed BV;11111111;;Straat 1;6511 AB;Nijmegen;zorginstelling;klein;;An;an@goed.example.nl\n"
        ";1234;;Straat 1;6511 AB;Nijmegen;zorginstelling;klein;;Bo;bo@x.example.nl\n"
        "Fout BV;22222222;12;;651 AB;Atlantis;bakkerij;reus;niet een url;;geen-mail\n"
        "Dubbel BV;11111111;;Straat 2;6511 "
        "AB;Nijmegen;zorginstelling;klein;;Cas;an@goed.example.nl\n"
    )
    batch = _import(bad, coordinator)
    found = {(e["row"], e["column"]) for e in batch.errors}
    assert {
        (3, "naam"),
        (3, "kvk"),
        (5, "kvk"),
        (5, "contact_email"),
        (4, "vestigingsnummer"),
        (4, "straat"),
        (4, "postcode"),
        (4, "plaats"),
        (4, "type"),
        (4, "grootte"),
        (4, "website"),
        (4, "contact_naam"),
        (4, "contact_email"),
    } <= found
    with pytest.raises(ValidationError, match="niets opgeslagen"):
        import_apply(batch=batch, user=coordinator)
    assert not Company.objects.filter(kvk_number="11111111").exists()


def test_company_import_is_all_or_nothing_and_idempotent(
    setup, django_capture_on_commit_callbacks
) -> None:
    PlaceFactory.create(name="Nijmegen")
    OrganisationTypeFactory.create(slug="zorginstelling", name="Zorginstelling")
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])
    good = (
        HEADER
        + "Goed BV;11111111;;Straat 1;6511 AB;Nijmegen;zorginstelling;klein;goed.example.nl;"
        + "An;an@goed.example.nl\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_apply(batch=_import(good, coordinator), user=coordinator)
    assert batch.summary == {"new": 1, "unchanged": 0}
    assert Company.objects.get(kvk_number="11111111").website == "https://goed.example.nl"
    assert len(mail.outbox) == 1
    again = import_apply(batch=_import(good, coordinator), user=coordinator)
    assert again.summary == {"new": 0, "unchanged": 1}
    assert Company.objects.filter(kvk_number="11111111").count() == 1
    with pytest.raises(ValidationError, match="al ingelezen"):
        import_apply(batch=ImportBatch.objects.get(pk=again.pk), user=coordinator)


def test_institution_admin_publishes_a_new_version_and_signatures_must_be_renewed(setup) -> None:
    from companies.models import AgreementVersion

    services.agreement_sign(
        company=setup["company"], user=setup["contact"].user, signer_name="J", signer_role="D"
    )
    admin = UserFactory.create(role=Role.INSTITUTION_ADMIN, institution=setup["institution"])
    client = Client()
    client.force_login(admin)
    assert (
        "Wij wijzen niemand af"
        in client.get(reverse("companies:agreement-publish")).content.decode()
    )
    client.post(
        reverse("companies:agreement-publish"),
        {"text": "Versie 2: wij accepteren elke gekoppelde student."},
    )
    assert AgreementVersion.objects.filter(institution=setup["institution"]).count() == 2
    client.force_login(setup["contact"].user)
    assert "Lezen en ondertekenen" in client.get(reverse("companies:home")).content.decode()
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])
    client.force_login(coordinator)
    assert client.get(reverse("companies:agreement-publish")).status_code == 403
