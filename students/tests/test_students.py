from __future__ import annotations

import datetime as dt
import io
import json
from html import escape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import outbox
from accounts.models import Role
from accounts.tests.factories import UserFactory
from catalog.tests.factories import OrganisationTypeFactory
from cockpit.models import PlanningStep, StepKind, current_school_year
from companies.models import AgreementSignature, AgreementVersion, RecognitionCheck
from companies.tests.factories import CompanyFactory, OfferFactory
from spreadsheets.importing import import_apply, import_preview
from students import services
from students.forms import LearningProfileForm
from students.models import (
    LearningProfile,
    OwnPlacementStatus,
    ProfileChange,
    ProfileStatus,
    Student,
    SupportNote,
)
from students.selectors import reach_hint
from students.tests.conftest import School
from students.tests.factories import StudentFactory

PERSONAL = (
    "name",
    "birth",
    "age",
    "gender",
    "sex",
    "nationality",
    "origin",
    "religion",
    "photo",
    "address",
    "email",
    "phone",
    "number",
)


def test_learning_profile_has_no_personal_fields() -> None:
    for field in LearningProfile._meta.get_fields():
        parts = field.name.lower().split("_")
        assert not any(p in PERSONAL for p in parts), field.name


def _complete(school: School, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "learning_wish_1": "Ik wil leren hoe je een webapplicatie bouwt en test.",
        "wp_1": str(school.wps[0].pk),
        "wp_2": str(school.wps[2].pk),
        "home_place": school.nijmegen.pk,
        "transport_mode": "bike",
        "max_travel_minutes": 30,
        "available_from": "2027-02-01",
        "available_until": "2027-06-30",
        "hours_per_week": 32,
    }
    data.update(overrides)
    return data


def _form(school: School, submitting: bool = True, **overrides: object) -> LearningProfileForm:
    return LearningProfileForm(
        _complete(school, **overrides), student=school.student, submitting=submitting
    )


def test_complete_form_is_valid_and_asks_no_postcode(school: School) -> None:
    form = _form(school)
    assert form.is_valid(), form.errors
    assert "postcode" not in form.fields  # the place you travel from is all reachability needs
    assert form.cleaned_data["work_process_ids"] == [school.wps[0].pk, school.wps[2].pk]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"learning_wish_1": "Leren"}, "learning_wish_1", "minstens 20 tekens"),
        ({"learning_wish_2": "Ook wat"}, "learning_wish_2", "minstens 20 tekens"),
        ({"wp_2": "__first__"}, "wp_2", "twee keer"),
        ({"wp_1": "", "wp_2": "__first__"}, "wp_1", "1e keuze"),
        ({"wp_1": "999999"}, "wp_1", "Selecteer een geldige keuze"),
        ({"available_until": "2027-01-01"}, "available_until", "voor de begindatum"),
        ({"available_from": "1-2-2027x"}, "available_from", "geldige datum"),
        ({"max_travel_minutes": 200}, "max_travel_minutes", "hoogstens 180"),
        ({"max_travel_minutes": 2}, "max_travel_minutes", "minstens 5"),
        ({"hours_per_week": 60}, "hours_per_week", "hoogstens 40"),
        ({"transport_mode": "boot"}, "transport_mode", "Selecteer een geldige keuze"),
        ({"home_place": 999999}, "home_place", "Selecteer een geldige keuze"),
        ({"learning_wish_1": ""}, "learning_wish_1", "minstens één leerwens"),
        ({"wp_1": "", "wp_2": ""}, "wp_1", "minstens één werkproces"),
        ({"home_place": ""}, "home_place", "vandaan reist"),
        ({"hours_per_week": ""}, "hours_per_week", "hoeveel uur"),
    ],
)
def test_every_bad_input_gets_a_dutch_error(school: School, overrides, field, message) -> None:
    overrides = {
        k: (str(school.wps[0].pk) if v == "__first__" else v) for k, v in overrides.items()
    }
    form = _form(school, **overrides)
    assert not form.is_valid()
    assert message in " ".join(str(e) for e in form.errors.get(field, [])), form.errors


def test_a_draft_may_be_incomplete(school: School) -> None:
    form = LearningProfileForm(
        {"learning_wish_1": "Ik wil leren programmeren in een team."}, student=school.student
    )
    assert form.is_valid(), form.errors
    profile = services.profile_save(
        student=school.student, data=form.cleaned_data, by=school.student.user, submit=False
    )
    assert profile.status == ProfileStatus.DRAFT


def test_save_submit_and_attribution(school: School) -> None:
    form = _form(
        school, needs_extra_supervision="on", support_note="Een vaste begeleider helpt mij."
    )
    assert form.is_valid(), form.errors
    profile = services.profile_save(
        student=school.student, data=form.cleaned_data, by=school.counsellor, submit=True
    )
    assert profile.status == ProfileStatus.SUBMITTED
    assert [w.work_process for w in profile.wishes.order_by("rank")] == [
        school.wps[0],
        school.wps[2],
    ]
    assert SupportNote.objects.get(student=school.student).text == "Een vaste begeleider helpt mij."
    change = ProfileChange.objects.get(profile=profile)
    assert change.changed_by == school.counsellor and change.action == "submit"
    assert "learning_wish_1" in change.fields and "work_processes" in change.fields


def test_deadline_closes_the_form_for_the_student_not_for_staff(school: School) -> None:
    # The deadline is the planning's "leerwensformulier sluit" step: yesterday, end of day.
    PlanningStep.objects.create(
        institution=school.programme.institution,
        school_year=current_school_year(),
        programme=school.programme,
        kind=StepKind.INTAKE_CLOSE,
        due_on=timezone.localdate() - dt.timedelta(days=1),
    )
    form = _form(school)
    assert form.is_valid()
    with pytest.raises(ValidationError, match="deadline is voorbij"):
        services.profile_save(
            student=school.student, data=form.cleaned_data, by=school.student.user, submit=True
        )
    client = Client()
    client.force_login(school.student.user)
    response = client.post(
        reverse("students:profile-edit"), {**_complete(school), "submit_profile": "1"}
    )
    assert response.status_code == 302
    assert not LearningProfile.objects.filter(
        student=school.student, status=ProfileStatus.SUBMITTED
    ).exists()
    services.profile_save(
        student=school.student, data=form.cleaned_data, by=school.counsellor, submit=True
    )
    change = ProfileChange.objects.get(profile__student=school.student)
    assert change.after_deadline and change.changed_by == school.counsellor


def test_autosave_returns_json_and_saves_a_draft(school: School) -> None:
    client = Client()
    client.force_login(school.student.user)
    response = client.post(
        reverse("students:profile-edit"),
        {"learning_wish_1": "Ik wil leren testen in een team."},
        HTTP_X_AUTOSAVE="1",
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    assert LearningProfile.objects.get(student=school.student).learning_wish_1.startswith(
        "Ik wil leren testen"
    )
    bad = client.post(
        reverse("students:profile-edit"), {"hours_per_week": "xx"}, HTTP_X_AUTOSAVE="1"
    )
    assert bad.status_code == 400 and "hours_per_week" in bad.json()["errors"]


# --- access ---------------------------------------------------------------------------------


def test_counsellor_sees_only_own_students(school: School) -> None:
    other = StudentFactory.create(user__institution=school.institution, programme=school.programme)
    client = Client()
    client.force_login(school.counsellor)
    assert (
        client.get(reverse("students:staff-detail", kwargs={"pk": school.student.pk})).status_code
        == 200
    )
    assert client.get(reverse("students:staff-detail", kwargs={"pk": other.pk})).status_code == 404
    assert client.get(reverse("students:staff-edit", kwargs={"pk": other.pk})).status_code == 404
    listing = client.get(reverse("students:staff-list")).content.decode()
    assert school.student.student_number in listing and other.student_number not in listing


def test_student_sees_only_own_data_and_support_note_only_for_care(school: School) -> None:
    other = StudentFactory.create(user__institution=school.institution, programme=school.programme)
    LearningProfile.objects.create(student=other, learning_wish_1="Geheime leerwens van een ander")
    SupportNote.objects.create(student=school.student, text="Vaste begeleider")
    client = Client()
    client.force_login(school.student.user)
    assert "Geheime leerwens" not in client.get(reverse("students:home")).content.decode()
    data = json.loads(client.get(reverse("students:my-data")).content)
    assert data["student"]["student_number"] == school.student.student_number
    assert data["support_note"] == "Vaste begeleider"
    assert "Geheime" not in json.dumps(data)
    url = reverse("students:staff-detail", kwargs={"pk": school.student.pk})
    client.force_login(school.counsellor)
    assert "Vaste begeleider" not in client.get(url).content.decode()
    client.force_login(
        UserFactory.create(role=Role.CARE_COORDINATOR, institution=school.institution)
    )
    assert "Vaste begeleider" in client.get(url).content.decode()


# --- opt-out --------------------------------------------------------------------------------


def test_opt_out_needs_a_recognised_company_and_a_decision(school: School) -> None:
    recognised = CompanyFactory.create(institution=school.institution)
    RecognitionCheck.objects.create(
        company=recognised, crebo="25604", outcome="recognised", verified_at=timezone.now()
    )
    unrecognised = CompanyFactory.create(institution=school.institution)
    client = Client()
    client.force_login(school.student.user)
    page = client.get(reverse("students:opt-out")).content.decode()
    assert escape(recognised.legal_name) in page and escape(unrecognised.legal_name) not in page
    bad = client.post(
        reverse("students:opt-out"),
        {"company": unrecognised.pk, "period_start": "2027-02-01", "period_end": "2027-06-30"},
    )
    assert bad.status_code == 200 and "Selecteer een geldige keuze" in bad.content.decode()
    client.post(
        reverse("students:opt-out"),
        {"company": recognised.pk, "period_start": "2027-02-01", "period_end": "2027-06-30"},
    )
    profile = LearningProfile.objects.get(student=school.student)
    assert profile.status == ProfileStatus.OPTED_OUT
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=school.institution)
    client.force_login(coordinator)
    placement = school.student.own_placement
    missing = client.post(
        reverse("placements:own-placement-decide", kwargs={"pk": placement.pk}),
        {"decision": "refused"},
    )
    assert missing.status_code == 302
    placement.refresh_from_db()
    assert placement.status == OwnPlacementStatus.PENDING
    client.post(
        reverse("placements:own-placement-decide", kwargs={"pk": placement.pk}),
        {"decision": "refused", "reason": "Periode te kort"},
    )
    placement.refresh_from_db()
    assert placement.status == OwnPlacementStatus.REFUSED and placement.decided_by == coordinator
    assert LearningProfile.objects.get(student=school.student).status == ProfileStatus.DRAFT


# --- reminders ------------------------------------------------------------------------------


def test_reminder_at_most_once_a_day(school: School, django_capture_on_commit_callbacks) -> None:
    now = timezone.now()
    student = school.student.pk
    assert services.reminders_schedule(student_ids=[student], now=now) == 1
    later = now + dt.timedelta(hours=23)
    assert services.reminders_schedule(student_ids=[student], now=later) == 0
    outbox.dispatch(now=later)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [school.student.user.email]
    next_day = now + dt.timedelta(hours=24)
    assert services.reminders_schedule(student_ids=[student], now=next_day) == 1
    outbox.dispatch(now=next_day)
    assert len(mail.outbox) == 2
    # Through the coordinator's button (the mail goes after commit): those done get nothing.
    done = StudentFactory.create(user__institution=school.institution, programme=school.programme)
    LearningProfile.objects.create(student=done, status=ProfileStatus.SUBMITTED)
    fresh = StudentFactory.create(user__institution=school.institution, programme=school.programme)
    client = Client()
    client.force_login(UserFactory.create(role=Role.COORDINATOR, institution=school.institution))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("students:staff-remind"))
    recipients = [m.to[0] for m in mail.outbox[2:]]
    assert recipients == [fresh.user.email]


# --- the live reach hint ----------------------------------------------------------------------


def test_reach_hint_counts_companies_within_reach(school: School) -> None:
    agreement = AgreementVersion.objects.create(
        institution=school.institution, version=1, text="x", published_at=timezone.now()
    )
    for place in (school.nijmegen, school.wijchen):
        company = CompanyFactory.create(institution=school.institution, place=place)
        RecognitionCheck.objects.create(
            company=company, crebo="25604", outcome="recognised", verified_at=timezone.now()
        )
        AgreementSignature.objects.create(
            company=company,
            version=agreement,
            signed_by=school.counsellor,
            signer_name="x",
            signer_role="y",
            signed_at=timezone.now(),
        )
        offer = OfferFactory.create(company=company, programme=school.programme, hours_per_week=32)
        offer.work_processes.set([school.wps[0]])
    data = {
        "home_place": school.nijmegen,
        "transport_mode": "bike",
        "max_travel_minutes": 30,
        "work_process_ids": [school.wps[0].pk],
    }
    assert reach_hint(student=school.student, data=data)["count"] == 1  # Wijchen is ~50 min by bike
    wide = reach_hint(student=school.student, data={**data, "max_travel_minutes": 60})
    assert wide["count"] == 2 and wide["text"].startswith(
        "2 leerbedrijven binnen 60 minuten met de fiets"
    )
    none = reach_hint(student=school.student, data={**data, "work_process_ids": [school.wps[4].pk]})
    assert none["count"] == 0 and "Probeer" in none["text"]


# --- import ---------------------------------------------------------------------------------

HEADER = "studentnummer;voornaam;achternaam;email;crebo;leerweg;cohort;slb_email\n"


def _preview(text: str, user, name: str = "cohort.csv"):
    return import_preview(kind="students", fh=io.BytesIO(text.encode()), filename=name, user=user)


def test_import_with_a_dozen_mistakes_is_rejected_whole(school: School) -> None:
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=school.institution)
    StudentFactory.create(
        user__institution=school.institution,
        user__email="bestaand@example.nl",
        programme=school.programme,
        student_number="900001",
    )
    rows = [
        "100001;Noor;de Jong;noor@example.nl;25604;BOL;2026;",  # 2: fine
        "1;Sem;Bakker;sem@example.nl;25604;BOL;2026;",  # 3: number too short
        "100003;;Visser;visser@example.nl;25604;BOL;2026;",  # 4: no first name
        "100004;Lina;;lina@example.nl;25604;BOL;2026;",  # 5: no last name
        "100005;Ravi;Smit;geen-mail;25604;BOL;2026;",  # 6: bad e-mail
        "100006;Eva;Mulder;eva@example.nl;99999;BOL;2026;",  # 7: unknown crebo
        "100007;Tim;Bos;tim@example.nl;2560;BOL;2026;",  # 8: crebo format
        "100008;Fleur;Vos;fleur@example.nl;25604;XYZ;2026;",  # 9: pathway
        "100009;Daan;Peters;daan@example.nl;25604;BOL;26;",  # 10: cohort
        "100010;Mila;Hendriks;mila@example.nl;25604;BOL;2026;nobody@x.nl",  # 11: unknown counsellor
        "100001;Noor;Dubbel;noor2@example.nl;25604;BOL;2026;",  # 12: duplicate number
        "100012;Lot;Dekker;noor@example.nl;25604;BOL;2026;",  # 13: duplicate e-mail
        "900001;Al;Bekend;ander@example.nl;25604;BOL;2026;",  # 14: exists with other e-mail
        "100014;Jip;Jansen;bestaand@example.nl;25604;BOL;2026;",  # 15: e-mail taken
    ]
    batch = _preview(HEADER + "\n".join(rows) + "\n", coordinator)
    found = {(e["row"], e["column"]) for e in batch.errors}
    expected = {
        (3, "studentnummer"),
        (4, "voornaam"),
        (5, "achternaam"),
        (6, "email"),
        (7, "crebo"),
        (8, "crebo"),
        (9, "leerweg"),
        (10, "cohort"),
        (11, "slb_email"),
        (12, "studentnummer"),
        (13, "email"),
        (14, "email"),
        (15, "email"),
    }
    assert expected <= found and not any(e["row"] == 2 for e in batch.errors)
    assert all(e["message"] for e in batch.errors)
    before = Student.objects.count()
    with pytest.raises(ValidationError, match="niets opgeslagen"):
        import_apply(batch=batch, user=coordinator)
    assert Student.objects.count() == before
    client = Client()
    client.force_login(coordinator)
    page = client.get(reverse("spreadsheets:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "fouten gevonden" in page and "Dit studentnummer staat ook op regel 2." in page


def test_missing_column_and_wrong_file_type(school: School) -> None:
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=school.institution)
    batch = _preview("studentnummer;voornaam\n1234;An\n", coordinator)
    assert {e["column"] for e in batch.errors} >= {"achternaam", "email", "crebo", "cohort"}
    with pytest.raises(ValidationError, match=".csv- of .xlsx"):
        _preview("x", coordinator, name="cohort.pdf")


def test_import_of_2000_rows_in_one_go_and_again_changes_nothing(
    school: School, django_capture_on_commit_callbacks
) -> None:
    from openpyxl import Workbook

    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=school.institution)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER.strip().split(";"))
    for i in range(2000):
        ws.append(
            [
                f"2{i:05d}",
                "Student",
                f"Nummer {i}",
                f"s{i}@cohort.example.nl",
                25604,
                "BOL",
                2026,
                school.counsellor.email,
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    batch = import_preview(
        kind="students", fh=io.BytesIO(buf.getvalue()), filename="cohort.xlsx", user=coordinator
    )
    assert batch.errors == [] and batch.summary == {"new": 2000, "unchanged": 0}
    with django_capture_on_commit_callbacks(execute=True):
        import_apply(batch=batch, user=coordinator)
    assert Student.objects.filter(cohort=2026, student_number__startswith="2").count() == 2000
    assert Student.objects.get(student_number="200007").counsellor == school.counsellor
    assert len(mail.outbox) == 2000 and "/account/activeren/" in mail.outbox[0].body
    again = import_preview(
        kind="students", fh=io.BytesIO(buf.getvalue()), filename="cohort.xlsx", user=coordinator
    )
    assert again.summary == {"new": 0, "unchanged": 2000}
    import_apply(batch=again, user=coordinator)
    assert Student.objects.count() == 2001


def test_import_page_documents_columns_and_offers_a_template(school: School) -> None:
    client = Client()
    client.force_login(UserFactory.create(role=Role.COORDINATOR, institution=school.institution))
    page = client.get(reverse("spreadsheets:upload", kwargs={"kind": "students"})).content.decode()
    assert "studentnummer" in page and "slb_email" in page
    template = client.get(reverse("spreadsheets:template", kwargs={"kind": "students"}))
    assert template.getvalue().decode("utf-8-sig").splitlines()[0] == HEADER.strip()


def test_organisation_type_choices_are_saved(school: School) -> None:
    org = OrganisationTypeFactory.create()
    form = _form(school, organisation_types=[org.pk])
    assert form.is_valid(), form.errors
    profile = services.profile_save(
        student=school.student, data=form.cleaned_data, by=school.student.user, submit=True
    )
    assert list(profile.organisation_types.all()) == [org]
