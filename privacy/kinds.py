"""The kinds of personal data and how long each is kept: the one declaration of the terms.

No law fixes these periods (the AVG sets none; the MBO archive selection list covers diplomas,
not placements), so every school sets its own on the privacy settings page, confirmed by its
privacy officer. The defaults below are a starting point, documented in docs/privacy.md.
Each term counts from a moment (`start`) and is kept in one field of `RetentionPolicy`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Unit:
    DAYS = "days"
    MONTHS = "months"
    SCHOOL_YEARS = "school_years"
    YEARS = "years"


UNIT_LABELS = {
    Unit.DAYS: _("dagen"),
    Unit.MONTHS: _("maanden"),
    Unit.SCHOOL_YEARS: _("schooljaren"),
    Unit.YEARS: _("jaar"),
}


@dataclass(frozen=True)
class Kind:
    key: str  # also the name of the term's field on RetentionPolicy
    label: str | Promise
    unit: str
    default: int
    minimum: int
    maximum: int
    start: str | Promise  # from which moment the term counts
    outcome: str | Promise  # what happens at the term


KINDS: tuple[Kind, ...] = (
    Kind(
        "profile_school_years",
        _("Leerprofiel en leerwensen"),
        Unit.SCHOOL_YEARS,
        1,
        0,
        5,
        _("na het schooljaar waarin de laatste stage eindigde"),
        _(
            "leerwensen in eigen woorden en opmerkingen gewist; het objectieve profiel blijft "
            "zonder naam bewaard voor de groepscijfers en het opnieuw uitvoeren van runs"
        ),
    ),
    Kind(
        "support_days",
        _("Toelichting extra begeleiding"),
        Unit.DAYS,
        0,
        0,
        365,
        _("na het einde van de laatste stage"),
        _("gewist"),
    ),
    Kind(
        "followup_months",
        _("Notities bij contactmomenten, kennismaking, einde en evaluatie"),
        Unit.MONTHS,
        12,
        0,
        120,
        _("na het einde van de stage"),
        _("vrije tekst gewist; data, soort en scores blijven"),
    ),
    Kind(
        "signal_months",
        _("Meldingen van discriminatie of ongewenst gedrag"),
        Unit.MONTHS,
        24,
        0,
        240,
        _("na het einde van de stage (volgens het documentenplan van de school)"),
        _("inhoud gewist; dat er een melding was, de status en de datum blijven"),
    ),
    Kind(
        "agreement_months",
        _("Praktijkovereenkomsten (POK) en handtekeningen"),
        Unit.MONTHS,
        84,
        0,
        240,
        _("na het einde van de stage (volgens het documentenplan van de school)"),
        _("namen van ondertekenaars gewist, ondertekenlinks ouder/verzorger verwijderd"),
    ),
    Kind(
        "identity_months",
        _("Naam, e-mail, studentnummer, geboortedatum en ouder/verzorger"),
        Unit.MONTHS,
        24,
        0,
        120,
        _("na het einde van de laatste stage"),
        _("gepseudonimiseerd: het account wordt gesloten, de student heet voortaan P-…"),
    ),
    Kind(
        "unplaced_months",
        _("Studenten zonder stage (niet geplaatst of eigen plek afgewezen)"),
        Unit.MONTHS,
        12,
        1,
        60,
        _("na de laatste activiteit (inloggen, formulier)"),
        _("gepseudonimiseerd, leerwensen en toelichting gewist"),
    ),
    Kind(
        "contact_years",
        _("Contactpersonen van leerbedrijven"),
        Unit.YEARS,
        2,
        1,
        10,
        _("nadat het bedrijf geen stage en geen aanbod meer had en de persoon niet inlogde"),
        _("gepseudonimiseerd: het account wordt gesloten"),
    ),
    Kind(
        "mail_days",
        _("Verstuurde e-mailberichten (wachtrij)"),
        Unit.DAYS,
        90,
        7,
        365,
        _("na het aanmaken van het bericht"),
        _("verwijderd"),
    ),
    Kind(
        "import_days",
        _("Geüploade spreadsheets (importbestanden)"),
        Unit.DAYS,
        30,
        1,
        365,
        _("na het uploaden"),
        _("bestand en regels gewist; de telling blijft"),
    ),
)

KIND_BY_KEY = {kind.key: kind for kind in KINDS}
DEFAULTS = {kind.key: kind.default for kind in KINDS}
