"""The praktijkovereenkomst: drawn up, sent, signed by school, company and student (and a
guardian for a student under 18, through a one-time expiring link), and as a PDF."""

from __future__ import annotations

import base64
import datetime as dt
import re
import zlib

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutboxMessage
from followup.models import Agreement, AgreementStatus, GuardianLink, Party, Signature
from followup.services.agreement import (
    agreement_save,
    agreement_send,
    guardian_link_check,
    guardian_render,
    guardian_token,
)

from .conftest import Life

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The text shown in a PDF made by ReportLab: its content streams, inflated."""
    assert data.startswith(b"%PDF")
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:  # ReportLab's default filters: ASCII85, then Flate
            raw = base64.a85decode(stream.strip().removesuffix(b"~>"))
            chunks.append(zlib.decompress(raw).decode("latin-1"))
        except (ValueError, zlib.error):
            chunks.append(stream.decode("latin-1"))
    shown = "".join(re.findall(r"\(((?:[^\\)]|\\.)*)\) Tj", "".join(chunks), re.S))
    # PDF string escapes: \( \) \\ and octal codes (ReportLab writes "é" as \351).
    return re.sub(
        r"\\([0-7]{1,3}|.)",
        lambda m: chr(int(m[1], 8)) if m[1][0] in "01234567" else m[1],
        shown,
    )


def _draft_and_send(life: Life) -> Agreement:
    url = reverse("followup:agreement-save", args=[life.placement.pk])
    client = life.client(life.coordinator)
    form = {
        "total_hours": 640,
        "hours_per_week": 32,
        "days_per_week": 4,
        "assessment": "Werkprocessen beoordeeld door de bpv-docent.",
        "guidance": "Drie contactmomenten.",
        "early_end": "Bij een tekortkoming na overleg.",
    }
    assert client.post(url, form).status_code == 302
    agreement = Agreement.objects.get(placement=life.placement)
    assert agreement.status == AgreementStatus.DRAFT and agreement.total_hours == 640
    client.post(reverse("followup:agreement-send", args=[life.placement.pk]))
    agreement.refresh_from_db()
    return agreement


def test_three_parties_sign_and_the_pdf_holds_the_parties_and_the_fields(life: Life) -> None:
    agreement = _draft_and_send(life)
    assert agreement.status == AgreementStatus.SENT
    assert not agreement.needs_guardian  # no date of birth: no guardian
    sign = reverse("followup:agreement-sign", args=[life.placement.pk])
    for user in (life.student.user, life.contact.user, life.coordinator):
        assert life.client(user).post(sign, _read(life)).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.COMPLETE
    assert set(Signature.objects.values_list("party", flat=True)) == {
        "school",
        "company",
        "student",
    }
    company = Signature.objects.get(party=Party.COMPANY)
    assert (company.name, company.role) == ("Piet Praktijk", "Praktijkopleider")
    # Signing twice is refused, and changes nothing.
    life.client(life.student.user).post(sign)
    assert Signature.objects.count() == 3

    response = life.client(life.contact.user).get(
        reverse("followup:agreement-pdf", args=[life.placement.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "Sam Student",
        "Bakkerij Brood BV",
        "12345678",
        "Piet Praktijk",
        "Cora Coordinator",
        life.student.programme.crebo,
        "640 uur in totaal, 32 uur per week over 4 dagen",
        "Werkprocessen beoordeeld door de bpv-docent.",
        "Bij een tekortkoming na overleg.",
    ):
        assert expected in text, expected
    assert "nog niet getekend" not in text


def test_only_a_coordinator_draws_up_and_a_sent_pok_is_fixed(life: Life) -> None:
    url = reverse("followup:agreement-save", args=[life.placement.pk])
    assert life.client(life.reviewer).post(url, {"total_hours": 1}).status_code == 403
    agreement = _draft_and_send(life)
    with pytest.raises(ValidationError, match="al verstuurd"):
        agreement_save(placement=life.placement, by=life.coordinator, total_hours=10)
    # A reviewer may read the page but does not sign for the school.
    life.client(life.reviewer).post(
        reverse("followup:agreement-sign", args=[agreement.placement_id])
    )
    assert not Signature.objects.filter(party=Party.SCHOOL).exists()


def test_other_students_and_companies_do_not_see_the_placement(life: Life) -> None:
    from companies.tests.factories import CompanyContactFactory
    from students.tests.factories import StudentFactory

    school = life.coordinator.institution
    other_student = StudentFactory.create(user__institution=school)
    other_contact = CompanyContactFactory.create(company__institution=school)
    _draft_and_send(life)
    for user in (other_student.user, other_contact.user):
        client = life.client(user)
        for name in ("followup:detail", "followup:agreement-pdf"):
            assert client.get(reverse(name, args=[life.placement.pk])).status_code == 404
        client.post(reverse("followup:agreement-sign", args=[life.placement.pk]))
    assert not Signature.objects.exists()


def _under_18(life: Life) -> None:
    student = life.student
    student.date_of_birth = life.placement.start_date.replace(
        year=life.placement.start_date.year - 17
    )
    student.guardian_name = "Olga Ouder"
    student.guardian_email = "ouder@example.nl"
    student.save()


def test_a_student_under_18_needs_a_guardian_who_signs_once_through_the_link(life: Life) -> None:
    life.student.date_of_birth = dt.date(life.placement.start_date.year - 17, 1, 1)
    life.student.save()
    agreement_save(placement=life.placement, by=life.coordinator)
    with pytest.raises(ValidationError, match="ouder of verzorger"):
        agreement_send(agreement=Agreement.objects.get(), by=life.coordinator)
    _under_18(life)
    agreement = agreement_send(agreement=Agreement.objects.get(), by=life.coordinator)
    assert agreement.needs_guardian
    link = GuardianLink.objects.get()
    message = OutboxMessage.objects.get(kind="pok_guardian")
    assert guardian_token(link) not in str(message.context)  # no token waits in the database
    rendered = guardian_render(message)
    assert rendered is not None and len(rendered) == 3
    _subject, body, address = rendered
    assert address == "ouder@example.nl"
    found = re.search(r"http\S+", body)
    assert found is not None
    url = found.group(0).removeprefix("http://127.0.0.1:8000")
    # The token is signed with the time it was made (a second may tick in between).
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert url == reverse("followup:guardian-sign", args=[token])
    assert signing.loads(token, salt="followup.guardian-link") == {"link": link.pk}

    from django.test import Client

    anonymous = Client()
    page = anonymous.get(url)
    assert page.status_code == 200 and "Sam Student" in page.content.decode()
    assert not Signature.objects.exists()  # GET only shows
    for user in (life.student.user, life.contact.user, life.coordinator):
        life.client(user).post(
            reverse("followup:agreement-sign", args=[life.placement.pk]), _read(life)
        )
    assert Agreement.objects.get().status == AgreementStatus.SENT  # waits for the guardian
    assert anonymous.post(url, _guardian_form(life, "Olga Ouder")).status_code == 200
    guardian = Signature.objects.get(party=Party.GUARDIAN)
    assert (guardian.name, guardian.user) == ("Olga Ouder", None)
    assert Agreement.objects.get().status == AgreementStatus.COMPLETE
    # Used: the link is refused and signs nothing more.
    again = anonymous.post(url, _guardian_form(life, "Iemand Anders"))
    assert again.status_code == 410 and "al getekend" in again.content.decode()
    assert Signature.objects.filter(party=Party.GUARDIAN).count() == 1
    assert guardian_render(message) is None  # a used link is not mailed any more


def test_an_expired_replaced_or_forged_guardian_link_is_refused(life: Life) -> None:
    _under_18(life)
    agreement_save(placement=life.placement, by=life.coordinator)
    agreement_send(agreement=Agreement.objects.get(), by=life.coordinator)
    first = GuardianLink.objects.get()
    token = guardian_token(first)
    later = first.expires_at + dt.timedelta(seconds=1)
    with pytest.raises(ValidationError, match="verlopen"):
        guardian_link_check(token, now=later)
    GuardianLink.objects.filter(pk=first.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    from django.test import Client

    response = Client().post(
        reverse("followup:guardian-sign", args=[token]),
        _guardian_form(life, "X"),
    )
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    # A new link replaces the old one.
    life.client(life.coordinator).post(
        reverse("followup:guardian-resend", args=[life.placement.pk])
    )
    assert GuardianLink.objects.count() == 2
    with pytest.raises(ValidationError, match="nieuwere"):
        guardian_link_check(token)
    guardian_link_check(guardian_token(GuardianLink.objects.latest("pk")))
    assert (
        Client().get(reverse("followup:guardian-sign", args=["vervalst:token"])).status_code == 410
    )
    assert not Signature.objects.exists()


def test_no_new_guardian_link_once_the_guardian_signed(life: Life) -> None:
    _under_18(life)
    agreement_save(placement=life.placement, by=life.coordinator)
    agreement_send(agreement=Agreement.objects.get(), by=life.coordinator)
    from django.test import Client

    link = GuardianLink.objects.get()
    url = reverse("followup:guardian-sign", args=[guardian_token(link)])
    assert Client().post(url, _guardian_form(life, "Olga Ouder")).status_code == 200
    assert Agreement.objects.get().status == AgreementStatus.SENT  # the others still sign
    response = life.client(life.coordinator).post(
        reverse("followup:guardian-resend", args=[life.placement.pk]), follow=True
    )
    assert "heeft al getekend" in response.content.decode()
    assert GuardianLink.objects.count() == 1
    assert GuardianLink.objects.get().revoked_at is None


def _read(life: Life) -> dict[str, str]:
    """What a signing form posts: the hash of the POK version the signer read."""
    return {"hash": Agreement.objects.get(placement=life.placement).snapshot_hash}


def _guardian_form(life: Life, name: str) -> dict[str, str]:
    """What the guardian's page posts: the name, the agreement and the version read."""
    return {"name": name, "agree": "on", "seen": _read(life)["hash"]}
