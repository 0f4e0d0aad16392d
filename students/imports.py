"""Cohort import from the student information system (CSV/XLSX).

Columns are documented in the README and on the import page. Every bad cell is reported; the
whole file is written in one transaction or not at all; rows that already exist unchanged are
skipped, so the same file twice changes nothing. New students get an invitation e-mail
(a Celery task, after commit).
"""

from __future__ import annotations

import re

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import STAFF_ROLES, Institution, Role, User
from accounts.services import users_invite_bulk
from programmes.models import Programme
from spreadsheets.importing import (
    Column,
    Importer,
    Rows,
    cell,
    register,
    row_number,
    summary_counts,
)
from spreadsheets.reading import RowError

from .models import LearningProfile, Student

NUMBER = re.compile(r"^[A-Za-z0-9-]{3,20}$")


def _programmes(institution: Institution) -> dict[tuple[str, str], Programme]:
    return {(p.crebo, p.pathway): p for p in Programme.objects.filter(institution=institution)}


def _programme_for(
    row: dict[str, str], programmes: dict[tuple[str, str], Programme]
) -> tuple[Programme | None, str, str]:
    crebo, pathway = cell(row, "crebo"), cell(row, "leerweg").upper()
    if not re.fullmatch(r"\d{5}", crebo):
        return (
            None,
            "crebo",
            _("Een crebonummer bestaat uit precies 5 cijfers, bijvoorbeeld 25604."),
        )
    if pathway and pathway not in ("BOL", "BBL"):
        return None, "leerweg", _("Gebruik BOL of BBL.")
    matches = [
        p for (c, pw), p in programmes.items() if c == crebo and (not pathway or pw == pathway)
    ]
    if not matches:
        return (
            None,
            "crebo",
            _(
                "Deze opleiding (crebo en leerweg) bestaat niet bij je instelling. Voeg haar "
                "eerst toe via Beheer."
            ),
        )
    if len(matches) > 1:
        return None, "leerweg", _("Deze crebo bestaat in BOL en BBL: vul de leerweg in.")
    return matches[0], "", ""


def _validate(rows: Rows, institution: Institution) -> tuple[list[RowError], dict[str, int]]:
    errors: list[RowError] = []
    programmes = _programmes(institution)
    staff = {u.email: u for u in User.objects.filter(institution=institution, role__in=STAFF_ROLES)}
    existing = {
        (s.programme_id, s.student_number): s.user.email
        for s in Student.objects.filter(programme__institution=institution).select_related("user")
    }
    emails_in_use = dict(User.objects.values_list("email", "role"))
    seen_numbers: dict[tuple[int, str], int] = {}
    seen_emails: dict[str, int] = {}
    new = unchanged = 0
    for row in rows:
        n = row_number(row)

        def err(column: str, message: str, n: int = n) -> None:
            errors.append(RowError(n, column, message))

        number = cell(row, "studentnummer")
        email = cell(row, "email").lower()
        if not NUMBER.match(number):
            err("studentnummer", _("Gebruik 3 tot 20 letters of cijfers."))
        for col, label in (("voornaam", _("voornaam")), ("achternaam", _("achternaam"))):
            if not cell(row, col):
                err(col, _("Vul de %(what)s in.") % {"what": label})
        try:
            validate_email(email)
        except ValidationError:
            err("email", _("Dit is geen geldig e-mailadres."))
            email = ""
        programme, column, problem = _programme_for(row, programmes)
        if problem:
            err(column, problem)
        cohort = cell(row, "cohort")
        if not re.fullmatch(r"20\d{2}", cohort):
            err("cohort", _("Vul het startjaar in als 4 cijfers, bijvoorbeeld 2026."))
        slb = cell(row, "slb_email").lower()
        if slb and slb not in staff:
            err("slb_email", _("Geen medewerker van je instelling met dit e-mailadres."))
        if email:
            if email in seen_emails:
                err(
                    "email",
                    _("Dit e-mailadres staat ook op regel %(r)s.") % {"r": seen_emails[email]},
                )
            seen_emails.setdefault(email, n)
        if programme is None:
            continue
        key = (programme.pk, number)
        if key in seen_numbers:
            err(
                "studentnummer",
                _("Dit studentnummer staat ook op regel %(r)s.") % {"r": seen_numbers[key]},
            )
            continue
        seen_numbers[key] = n
        if key in existing:
            if email and existing[key] != email:
                err(
                    "email",
                    _(
                        "Deze student bestaat al met e-mailadres %(e)s. Pas het adres aan in het "
                        "systeem of in de app."
                    )
                    % {"e": existing[key]},
                )
            else:
                unchanged += 1
            continue
        if email in emails_in_use:
            err("email", _("Dit e-mailadres hoort al bij een ander account."))
            continue
        new += 1
    return errors, summary_counts(new, unchanged)


def _apply(rows: Rows, institution: Institution, user: User) -> dict[str, int]:
    programmes = _programmes(institution)
    staff = {u.email: u for u in User.objects.filter(institution=institution, role__in=STAFF_ROLES)}
    existing = set(
        Student.objects.filter(programme__institution=institution).values_list(
            "programme_id", "student_number"
        )
    )
    unusable = make_password(None)
    new_users, pending = [], []
    unchanged = 0
    for row in rows:
        programme, _c, _p = _programme_for(row, programmes)
        assert programme is not None  # validated just before
        key = (programme.pk, cell(row, "studentnummer"))
        if key in existing:
            unchanged += 1
            continue
        full_name = f"{cell(row, 'voornaam')} {cell(row, 'achternaam')}".strip()
        new_users.append(
            User(
                email=cell(row, "email").lower(),
                full_name=full_name,
                role=Role.STUDENT,
                institution=institution,
                password=unusable,
            )
        )
        pending.append(
            (programme, key[1], int(cell(row, "cohort")), staff.get(cell(row, "slb_email").lower()))
        )
    created = User.objects.bulk_create(new_users, batch_size=500)
    if created and created[0].pk is None:  # backends that do not return ids
        by_email = dict(
            User.objects.filter(email__in=[u.email for u in created]).values_list("email", "pk")
        )
        for u in created:
            u.pk = by_email[u.email]
    students = Student.objects.bulk_create(
        [
            Student(user=u, programme=p, student_number=num, cohort=cohort, counsellor=slb)
            for u, (p, num, cohort, slb) in zip(created, pending, strict=True)
        ],
        batch_size=500,
    )
    if students and students[0].pk is None:
        ids = dict(Student.objects.filter(user__in=created).values_list("user_id", "pk"))
        for s in students:
            s.pk = ids[s.user_id]
    LearningProfile.objects.bulk_create(
        [LearningProfile(student=s) for s in students], batch_size=500
    )
    users_invite_bulk(user_ids=[u.pk for u in created])
    return summary_counts(len(created), unchanged)


register(
    Importer(
        kind="students",
        title=gettext_lazy("Cohort importeren"),
        columns=(
            Column(
                "studentnummer",
                True,
                gettext_lazy("Studentnummer uit het studentinformatiesysteem"),
            ),
            Column("voornaam", True, gettext_lazy("Voornaam (roepnaam)"), 70),
            Column("achternaam", True, gettext_lazy("Achternaam, met tussenvoegsel"), 70),
            Column(
                "email",
                True,
                gettext_lazy("E-mailadres van de student; krijgt de uitnodiging"),
                254,
            ),
            Column("crebo", True, gettext_lazy("Crebonummer van de opleiding, 5 cijfers")),
            Column(
                "leerweg",
                False,
                gettext_lazy("BOL of BBL; alleen nodig als de crebo in beide bestaat"),
            ),
            Column("cohort", True, gettext_lazy("Startjaar, bijvoorbeeld 2026")),
            Column(
                "slb_email",
                False,
                gettext_lazy("E-mailadres van de slb'er / mentor (moet een account hebben)"),
                254,
            ),
        ),
        example=(
            "123456",
            "Noor",
            "de Jong",
            "noor.dejong@student.example.nl",
            "25604",
            "BOL",
            "2026",
            "slb1@roc.example.nl",
        ),
        validate=_validate,
        apply=_apply,
        done_url="students:staff-list",
    )
)
