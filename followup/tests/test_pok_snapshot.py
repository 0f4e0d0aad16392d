"""A POK is frozen when it is sent: the page, the PDF and the guardian read the fields as they
were sent, each signature records the hash it signed, a change of the underlying data is shown
to the coordinator, and only a new version (which voids the signatures) takes it in."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup.models import Agreement, AgreementStatus, GuardianLink, Signature, Supervision
from followup.services.agreement import agreement_send, guardian_token

from .conftest import Life
from .test_agreement import _draft_and_send, _under_18, pdf_text

pytestmark = pytest.mark.django_db

CHANGED = "Gegevens gewijzigd sinds verzenden"


def _url(name: str, life: Life) -> str:
    return reverse(f"followup:{name}", args=[life.placement.pk])


def _move_company(life: Life, street: str, postcode: str) -> None:
    company = life.contact.company
    company.street, company.postcode = street, postcode
    company.save(update_fields=["street", "postcode"])


def test_the_sent_pok_keeps_what_was_sent_and_signatures_record_its_hash(life: Life) -> None:
    _move_company(life, "Oude Haven 1", "1111 AA")
    agreement = _draft_and_send(life)
    assert agreement.status == AgreementStatus.SENT and agreement.version == 1
    snapshot = agreement.snapshot
    assert snapshot["company_street"] == "Oude Haven 1" and snapshot["company_kvk"] == "12345678"
    assert snapshot["student_number"] == life.student.student_number
    assert snapshot["total_hours"] == 640 and snapshot["crebo"] == life.student.programme.crebo
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert agreement.snapshot_hash == hashlib.sha256(canonical.encode()).hexdigest()

    # The company moves after sending: what the parties read and sign does not.
    _move_company(life, "Nieuwe Weg 99", "9999 ZZ")
    life.client(life.student.user).post(
        _url("agreement-sign", life), {"hash": agreement.snapshot_hash}
    )
    pdf = pdf_text(life.client(life.contact.user).get(_url("agreement-pdf", life)).content)
    assert "Oude Haven 1" in pdf and "1111 AA" in pdf and "Nieuwe Weg 99" not in pdf
    assert agreement.snapshot_hash in pdf
    page = life.client(life.contact.user).get(_url("detail", life)).content.decode()
    assert "Oude Haven 1" in page and "Nieuwe Weg 99" not in page
    assert CHANGED not in page  # the company is not the one to act on it
    signature = Signature.objects.get(party="student")
    assert signature.snapshot_hash == agreement.snapshot_hash

    # The coordinator sees that the data changed, never silently.
    page = life.client(life.coordinator).get(_url("detail", life)).content.decode()
    assert CHANGED in page and "Nieuwe versie maken" in page


def test_a_new_version_voids_the_signatures_and_freezes_the_new_data(life: Life) -> None:
    agreement = _draft_and_send(life)
    old_hash = agreement.snapshot_hash
    life.client(life.student.user).post(_url("agreement-sign", life), {"hash": old_hash})
    assert Signature.objects.count() == 1
    page = life.client(life.coordinator).get(_url("detail", life)).content.decode()
    assert CHANGED not in page  # nothing changed yet
    # A bpv-docent is assigned after sending: the POK names them, so it changed.
    Supervision.objects.create(placement=life.placement, teacher=life.second)
    assert CHANGED in life.client(life.coordinator).get(_url("detail", life)).content.decode()
    # Only the coordinator makes a new version.
    assert life.client(life.reviewer).post(_url("agreement-new-version", life)).status_code == 403
    life.client(life.coordinator).post(_url("agreement-new-version", life))
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version, agreement.snapshot) == ("draft", 2, {})
    assert not Signature.objects.exists()
    # Sent again: the new data is frozen under a new hash; a signature for the old text is
    # refused, one for the new text recorded with it.
    life.client(life.coordinator).post(_url("agreement-send", life))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SENT and agreement.snapshot_hash != old_hash
    assert agreement.snapshot["teacher"] == life.second.full_name
    life.client(life.student.user).post(_url("agreement-sign", life), {"hash": old_hash})
    assert not Signature.objects.exists()
    life.client(life.student.user).post(_url("agreement-sign", life))  # no version named
    assert not Signature.objects.exists()
    life.client(life.student.user).post(
        _url("agreement-sign", life), {"hash": agreement.snapshot_hash}
    )
    assert Signature.objects.get().snapshot_hash == agreement.snapshot_hash
    assert CHANGED not in life.client(life.coordinator).get(_url("detail", life)).content.decode()
    # A draft has no version to replace.
    life.client(life.coordinator).post(_url("agreement-new-version", life))
    life.client(life.coordinator).post(_url("agreement-new-version", life))
    agreement.refresh_from_db()
    assert agreement.version == 3 and agreement.status == AgreementStatus.DRAFT


def test_the_guardian_signs_the_frozen_text_and_a_new_version_voids_the_link(
    life: Life,
) -> None:
    _under_18(life)
    agreement = _draft_and_send(life)
    assert agreement.needs_guardian
    link = GuardianLink.objects.get()
    url = reverse("followup:guardian-sign", args=[guardian_token(link)])
    _move_company(life, "Nieuwe Weg 99", "9999 ZZ")
    page = life.client(life.coordinator).get(url).content.decode()
    assert "Marktstraat 1" in page and "Nieuwe Weg 99" not in page
    life.client(life.coordinator).post(_url("agreement-new-version", life))
    assert life.client(life.coordinator).get(url).status_code == 410  # the old link is void
    agreement.refresh_from_db()
    agreement_send(agreement=agreement, by=life.coordinator)
    link = GuardianLink.objects.get(revoked_at__isnull=True)
    url = reverse("followup:guardian-sign", args=[guardian_token(link)])
    assert "Nieuwe Weg 99" in life.client(life.coordinator).get(url).content.decode()
    agreement.refresh_from_db()
    form = {"name": "Olga Ouder", "agree": "on", "seen": agreement.snapshot_hash}
    life.client(life.coordinator).post(url, form)
    assert Signature.objects.get(party="guardian").snapshot_hash == agreement.snapshot_hash


def test_list_pages_never_read_the_frozen_pok(life: Life) -> None:
    """The snapshot is read on the POK's own page and PDF only, not by lists or exports."""
    _draft_and_send(life)
    assert Agreement.LARGE_FIELDS == ("snapshot",)
    column = '"followup_agreement"."snapshot"'
    client = life.client(life.coordinator)
    for url in (
        reverse("followup:list"),
        reverse("followup:list") + "?toon=pok",
        reverse("followup:caseload"),
        reverse("followup:agreements-export"),
        reverse("cockpit:dashboard"),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        assert [q["sql"][:80] for q in queries.captured_queries if column in q["sql"]] == [], url
    # The detector sees it where it is read.
    with CaptureQueriesContext(connection) as queries:
        client.get(_url("agreement-pdf", life))
    assert any(column in q["sql"] for q in queries.captured_queries)
