"""Company import (CSV/XLSX) with the same rules as the student import."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Institution, User
from catalog.models import OrganisationType, Place
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

from .models import Company, CompanyStatus, SizeClass
from .services import company_create

SIZES = {
    "micro": SizeClass.MICRO,
    "1-9": SizeClass.MICRO,
    "klein": SizeClass.SMALL,
    "10-49": SizeClass.SMALL,
    "middel": SizeClass.MEDIUM,
    "50-249": SizeClass.MEDIUM,
    "groot": SizeClass.LARGE,
    "250+": SizeClass.LARGE,
    **{s.value: s for s in SizeClass},
}
PLACE_WITH_MUNICIPALITY = re.compile(r"^(.+?)\s*\((.+)\)$")


def find_place(value: str) -> tuple[Place | None, str]:
    """A place by name, or "Name (Municipality)" when the name is not unique."""
    m = PLACE_WITH_MUNICIPALITY.match(value)
    qs = Place.objects.filter(name__iexact=m.group(1) if m else value)
    if m:
        qs = qs.filter(municipality__iexact=m.group(2))
    places = list(qs[:2])
    if not places:
        return None, _("Onbekende plaats. Gebruik de plaatsnaam, bijvoorbeeld Nijmegen.")
    if len(places) > 1:
        return None, _("Er zijn meerdere plaatsen met deze naam. Schrijf 'Plaats (Gemeente)'.")
    return places[0], ""


def _validate(rows: Rows, institution: Institution) -> tuple[list[RowError], dict[str, int]]:
    errors: list[RowError] = []
    types = {t.slug: t for t in OrganisationType.objects.all()} | {
        t.name.lower(): t for t in OrganisationType.objects.all()
    }
    existing = {
        (c.kvk_number, c.branch_number): c
        for c in Company.objects.filter(institution=institution).prefetch_related("contacts__user")
    }
    taken_emails = set(User.objects.values_list("email", flat=True))
    seen_keys: dict[tuple[str, str], int] = {}
    seen_emails: dict[str, int] = {}
    new = unchanged = 0
    url = URLValidator()
    for row in rows:
        n = row_number(row)

        def err(column: str, message: str, n: int = n) -> None:
            errors.append(RowError(n, column, message))

        name, kvk, branch = cell(row, "naam"), cell(row, "kvk"), cell(row, "vestigingsnummer")
        if not name:
            err("naam", _("Vul de naam van het bedrijf in."))
        if not re.fullmatch(r"\d{8}", kvk):
            err("kvk", _("Een KvK-nummer bestaat uit precies 8 cijfers."))
        if branch and not re.fullmatch(r"\d{12}", branch):
            err(
                "vestigingsnummer",
                _("Een vestigingsnummer bestaat uit precies 12 cijfers (of laat leeg)."),
            )
        key = (kvk, branch)
        if key in seen_keys:
            err("kvk", _("Dit KvK-nummer staat ook op regel %(r)s.") % {"r": seen_keys[key]})
        seen_keys.setdefault(key, n)
        email = cell(row, "contact_email").lower()
        if key in existing:
            company = existing[key]
            if email and email not in {c.user.email for c in company.contacts.all()}:
                err(
                    "contact_email",
                    _(
                        "Dit bedrijf bestaat al met een andere contactpersoon; voeg "
                        "contactpersonen toe in de app."
                    ),
                )
            unchanged += 1
            continue
        if not cell(row, "straat"):
            err("straat", _("Vul straat en huisnummer in."))
        if not re.fullmatch(r"[1-9]\d{3} ?[A-Za-z]{2}", cell(row, "postcode")):
            err("postcode", _("Vul een Nederlandse postcode in, bijvoorbeeld 6511 AB."))
        place, problem = find_place(cell(row, "plaats"))
        if problem:
            err("plaats", problem)
        if cell(row, "type").lower() not in types:
            err(
                "type",
                _("Onbekend type organisatie. Kies uit: %(types)s.")
                % {"types": ", ".join(sorted(t.slug for t in set(types.values())))},
            )
        if cell(row, "grootte").lower() not in SIZES:
            err("grootte", _("Gebruik micro, klein, middel of groot."))
        website = cell(row, "website")
        if website:
            try:
                url(website if "://" in website else f"https://{website}")
            except ValidationError:
                err("website", _("Dit is geen geldig webadres."))
        if not cell(row, "contact_naam"):
            err("contact_naam", _("Vul de naam van de contactpersoon in."))
        try:
            validate_email(email)
        except ValidationError:
            err("contact_email", _("Dit is geen geldig e-mailadres."))
        else:
            if email in taken_emails:
                err("contact_email", _("Dit e-mailadres heeft al een account."))
            if email in seen_emails:
                err(
                    "contact_email",
                    _("Dit e-mailadres staat ook op regel %(r)s.") % {"r": seen_emails[email]},
                )
            seen_emails.setdefault(email, n)
        new += 1
    return errors, summary_counts(new, unchanged)


def _apply(rows: Rows, institution: Institution, user: User) -> dict[str, int]:
    existing = set(
        Company.objects.filter(institution=institution).values_list("kvk_number", "branch_number")
    )
    types = {t.slug: t for t in OrganisationType.objects.all()} | {
        t.name.lower(): t for t in OrganisationType.objects.all()
    }
    new = unchanged = 0
    for row in rows:
        key = (cell(row, "kvk"), cell(row, "vestigingsnummer"))
        if key in existing:
            unchanged += 1
            continue
        place, _problem = find_place(cell(row, "plaats"))
        website = cell(row, "website")
        company_create(
            institution=institution,
            data={
                "legal_name": cell(row, "naam"),
                "kvk_number": key[0],
                "branch_number": key[1],
                "street": cell(row, "straat"),
                "postcode": cell(row, "postcode").upper(),
                "place": place,
                "organisation_type": types[cell(row, "type").lower()],
                "size_class": SIZES[cell(row, "grootte").lower()],
                "website": website if not website or "://" in website else f"https://{website}",
            },
            contact_name=cell(row, "contact_naam"),
            contact_email=cell(row, "contact_email").lower(),
            status=CompanyStatus.ACTIVE,
        )
        new += 1
    return summary_counts(new, unchanged)


register(
    Importer(
        kind="companies",
        title=gettext_lazy("Leerbedrijven importeren"),
        columns=(
            Column("naam", True, gettext_lazy("Naam van het bedrijf")),
            Column("kvk", True, gettext_lazy("KvK-nummer, 8 cijfers")),
            Column("vestigingsnummer", False, gettext_lazy("12 cijfers, mag leeg")),
            Column("straat", True, gettext_lazy("Straat en huisnummer")),
            Column("postcode", True, gettext_lazy("Bijvoorbeeld 6511 AB")),
            Column(
                "plaats", True, gettext_lazy("Plaatsnaam; bij dubbele namen 'Plaats (Gemeente)'")
            ),
            Column(
                "type",
                True,
                gettext_lazy("Type organisatie, bijvoorbeeld zorginstelling of ict-bedrijf"),
            ),
            Column("grootte", True, gettext_lazy("micro, klein, middel of groot")),
            Column("website", False, gettext_lazy("Mag leeg")),
            Column("contact_naam", True, gettext_lazy("Naam van de praktijkopleider"), 150),
            Column(
                "contact_email",
                True,
                gettext_lazy("Krijgt een uitnodiging om een account te activeren"),
                254,
            ),
        ),
        example=(
            "Zorggroep De Linde",
            "12345678",
            "",
            "Lindelaan 4",
            "6512 AB",
            "Nijmegen",
            "zorginstelling",
            "middel",
            "www.delinde.example.nl",
            "Jan Smit",
            "j.smit@delinde.example.nl",
        ),
        validate=_validate,
        apply=_apply,
        done_url="companies:staff-list",
    )
)
