"""Every staff list as a download (`spreadsheets.exports.Table`), with only what its reader may
see on screen: a counsellor gets their own students only, as on the student list. Rows are
streamed from one query each (`values_list(...).iterator()`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, cast

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from catalog.models import Pathway
from cockpit.models import StepKind
from companies.models import CompanyStatus, Offer, OfferStatus, SizeClass
from companies.selectors import companies_for_staff
from followup.models import (
    ContactKind,
    ContactMoment,
    Evaluation,
    EvaluationParty,
    Signal,
    SignalStatus,
)
from matching.models import Round, RoundStatus, Variant
from placements.models import Placement, PlacementSource, PlacementStatus
from placements.selectors import known
from spreadsheets.exports import DATE, DATETIME, INTEGER, Column, Table
from students.models import OwnPlacement, OwnPlacementStatus, ProfileStatus
from students.selectors import students_visible_to

from .figures import year_bounds
from .planning import steps_of


def _label(choices: Any) -> Callable[[Any], str]:
    labels = dict(choices.choices)
    return lambda value: str(labels.get(value, value or ""))


def _stream(qs: Any, convert: Callable[[tuple[Any, ...]], list[Any]]) -> Iterator[list[Any]]:
    for row in qs.iterator(chunk_size=500):
        yield convert(row)


def students(reader: User, year: int) -> Table:
    status = _label(ProfileStatus)
    pathway = _label(Pathway)
    qs = (
        students_visible_to(reader)
        .order_by("student_number", "pk")
        .values_list(
            "student_number",
            "user__full_name",
            "user__email",
            "programme__name",
            "programme__crebo",
            "programme__pathway",
            "cohort",
            "profile__status",
            "profile__submitted_at",
            "counsellor__full_name",
        )
    )
    columns = [
        Column(_("studentnummer")),
        Column(_("naam")),
        Column(_("e-mailadres")),
        Column(_("opleiding")),
        Column(_("crebo")),
        Column(_("leerweg")),
        Column(_("cohort"), INTEGER),
        Column(_("leerwensformulier")),
        Column(_("ingediend op"), DATETIME),
        Column(_("slb'er")),
    ]

    def row(r: tuple[Any, ...]) -> list[Any]:
        return [*r[:5], pathway(r[5]), r[6], status(r[7] or ProfileStatus.NOT_STARTED), *r[8:]]

    return Table("studenten", columns, _stream(qs, row))


def companies(reader: User, year: int) -> Table:
    status, size = _label(CompanyStatus), _label(SizeClass)
    # n_offers and n_places are annotated by companies_for_staff (the plugin cannot see them).
    qs = cast(Any, companies_for_staff(reader)).values_list(
        "legal_name",
        "kvk_number",
        "branch_number",
        "place__name",
        "organisation_type__name",
        "size_class",
        "status",
        "n_offers",
        "n_places",
    )
    columns = [
        Column(_("naam")),
        Column(_("KvK-nummer")),
        Column(_("vestigingsnummer")),
        Column(_("plaats")),
        Column(_("type organisatie")),
        Column(_("grootte")),
        Column(_("status")),
        Column(_("gepubliceerd aanbod"), INTEGER),
        Column(_("plaatsen"), INTEGER),
    ]

    def row(r: tuple[Any, ...]) -> list[Any]:
        return [*r[:5], size(r[5]), status(r[6]), r[7], r[8] or 0]

    return Table("bedrijven", columns, _stream(qs, row))


def offers(reader: User, year: int) -> Table:
    status = _label(OfferStatus)
    qs = (
        Offer.objects.filter(company__institution=reader.institution_id)
        .order_by("company__legal_name", "programme__name", "period_start", "pk")
        .values_list(
            "company__legal_name",
            "programme__name",
            "programme__crebo",
            "status",
            "period_start",
            "period_end",
            "capacity",
            "hours_per_week",
            "extra_supervision_possible",
        )
    )
    columns = [
        Column(_("bedrijf")),
        Column(_("opleiding")),
        Column(_("crebo")),
        Column(_("status")),
        Column(_("periode vanaf"), DATE),
        Column(_("periode tot en met"), DATE),
        Column(_("plaatsen"), INTEGER),
        Column(_("uren per week"), INTEGER),
        Column(_("extra begeleiding mogelijk")),
    ]
    return Table("aanbod", columns, _stream(qs, lambda r: [*r[:3], status(r[3]), *r[4:]]))


def rounds(reader: User, year: int) -> Table:
    status, variant = _label(RoundStatus), _label(Variant)
    qs = (
        Round.objects.filter(institution=reader.institution_id)
        .annotate(
            n_matches=Count("matches", distinct=True),
            n_placed=Count("matches", filter=Q(matches__offer__isnull=False), distinct=True),
        )
        .order_by("created_at", "pk")
        .values_list(
            "name",
            "cohort",
            "variant",
            "status",
            "n_matches",
            "n_placed",
            "intake_closes_at",
            "release_at",
        )
    )
    columns = [
        Column(_("ronde")),
        Column(_("cohort"), INTEGER),
        Column(_("variant")),
        Column(_("status")),
        Column(_("studenten"), INTEGER),
        Column(_("geplaatst"), INTEGER),
        Column(_("intake sluit"), DATETIME),
        Column(_("moment van bekendmaking"), DATETIME),
    ]
    return Table(
        "rondes", columns, _stream(qs, lambda r: [r[0], r[1], variant(r[2]), status(r[3]), *r[4:]])
    )


def placements(reader: User, year: int) -> Table:
    """Placements that are known (released: visible from now or earlier, or made by hand) of
    the students the reader may see."""
    source, status = _label(PlacementSource), _label(PlacementStatus)
    now = timezone.now()
    qs = (
        Placement.objects.filter(student__in=students_visible_to(reader).values("pk"))
        .filter(known(now))
        .order_by("student__student_number", "start_date", "pk")
        .values_list(
            "student__student_number",
            "student__user__full_name",
            "company__legal_name",
            "student__programme__name",
            "start_date",
            "end_date",
            "source",
            "status",
            "ended_on",
        )
    )
    columns = [
        Column(_("studentnummer")),
        Column(_("naam")),
        Column(_("bedrijf")),
        Column(_("opleiding")),
        Column(_("vanaf"), DATE),
        Column(_("tot en met"), DATE),
        Column(_("bron")),
        Column(_("status")),
        Column(_("beëindigd per"), DATE),
    ]

    def row(r: tuple[Any, ...]) -> list[Any]:
        return [*r[:6], source(r[6]), status(r[7]), r[8]]

    return Table("plaatsingen", columns, _stream(qs, row))


def planning(reader: User, year: int) -> Table:
    kind = _label(StepKind)
    qs = steps_of(reader.institution_id or 0, year).values_list(
        "due_on", "kind", "programme__name", "owner__full_name", "done_on"
    )
    columns = [
        Column(_("uiterlijk op"), DATE),
        Column(_("stap")),
        Column(_("opleiding")),
        Column(_("verantwoordelijke")),
        Column(_("klaar op"), DATE),
    ]

    def row(r: tuple[Any, ...]) -> list[Any]:
        return [r[0], kind(r[1]), r[2] or _("Hele school"), r[3] or "", r[4]]

    return Table(f"planning-{year}", columns, _stream(qs, row))


def _known_placements(reader: User) -> Any:
    """Placements of the students the reader may see, from their release moment."""
    return Placement.objects.filter(student__in=students_visible_to(reader).values("pk")).filter(
        known()
    )


def contact_moments(reader: User, year: int) -> Table:
    """The school year's contact moments of the placements the reader may see (the notes
    stay on the placement's page)."""
    start, end = year_bounds(year)
    kind = _label(ContactKind)
    qs = (
        ContactMoment.objects.filter(placement__in=_known_placements(reader).values("pk"))
        .filter(date__gte=start.date(), date__lt=end.date())
        .order_by("placement__student__student_number", "date", "pk")
        .values_list(
            "placement__student__student_number",
            "placement__student__user__full_name",
            "placement__company__legal_name",
            "date",
            "kind",
            "held",
        )
    )
    columns = [
        Column(_("studentnummer")),
        Column(_("naam")),
        Column(_("bedrijf")),
        Column(_("datum"), DATE),
        Column(_("soort")),
        Column(_("gehouden")),
    ]
    yes, no = _("ja"), _("nee")

    def row(r: tuple[Any, ...]) -> list[Any]:
        return [*r[:4], kind(r[4]), yes if r[5] else no]

    return Table(f"contactmomenten-{year}", columns, _stream(qs, row))


def signal_counts(reader: User, year: int) -> Table:
    """Reports of discrimination or unwanted behaviour: counts only, per programme and
    status, of the placements the reader may see."""
    start, end = year_bounds(year)
    status = _label(SignalStatus)
    qs = (
        Signal.objects.filter(placement__in=_known_placements(reader).values("pk"))
        .filter(created_at__gte=start, created_at__lt=end)
        .values("placement__student__programme__name", "status")
        .annotate(n=Count("id"))
        .order_by("placement__student__programme__name", "status")
        .values_list("placement__student__programme__name", "status", "n")
    )
    columns = [Column(_("opleiding")), Column(_("status")), Column(_("aantal meldingen"), INTEGER)]
    return Table(f"meldingen-{year}", columns, _stream(qs, lambda r: [r[0], status(r[1]), r[2]]))


def evaluations(reader: User, year: int) -> Table:
    """The school year's end evaluations: scores per party, without who gave them or their
    remarks (those stay on the placement's page)."""
    start, end = year_bounds(year)
    party = _label(EvaluationParty)
    qs = (
        Evaluation.objects.filter(placement__in=_known_placements(reader).values("pk"))
        .filter(answered_at__gte=start, answered_at__lt=end)
        .order_by("placement__company__legal_name", "answered_at", "pk")
        .values_list(
            "placement__company__legal_name",
            "placement__student__programme__name",
            "party",
            "match_score",
            "guidance_score",
            "objective_score",
            "answered_at",
        )
    )
    columns = [
        Column(_("bedrijf")),
        Column(_("opleiding")),
        Column(_("ingevuld door")),
        Column(_("paste de plek? (1-5)"), INTEGER),
        Column(_("de begeleiding (1-5)"), INTEGER),
        Column(_("voelde het objectief? (1-5)"), INTEGER),
        Column(_("beantwoord op"), DATETIME),
    ]
    return Table(
        f"evaluaties-{year}", columns, _stream(qs, lambda r: [r[0], r[1], party(r[2]), *r[3:]])
    )


def own_placements(reader: User, year: int) -> Table:
    status = _label(OwnPlacementStatus)
    qs = (
        OwnPlacement.objects.filter(student__in=students_visible_to(reader).values("pk"))
        .order_by("status", "student__student_number", "pk")
        .values_list(
            "student__student_number",
            "student__user__full_name",
            "company__legal_name",
            "period_start",
            "period_end",
            "status",
            "decided_at",
        )
    )
    columns = [
        Column(_("studentnummer")),
        Column(_("naam")),
        Column(_("bedrijf")),
        Column(_("vanaf"), DATE),
        Column(_("tot en met"), DATE),
        Column(_("beoordeling")),
        Column(_("besloten op"), DATETIME),
    ]

    def row(r: tuple[Any, ...]) -> list[Any]:
        return [*r[:5], status(r[5]), r[6]]

    return Table("eigen-stageplekken", columns, _stream(qs, row))


# The lists, by the name in their address, with their title on the exports page.
LISTS: dict[str, tuple[Any, Callable[[User, int], Table]]] = {
    "studenten": (gettext_lazy("Studenten"), students),
    "bedrijven": (gettext_lazy("Bedrijven"), companies),
    "aanbod": (gettext_lazy("Aanbod"), offers),
    "rondes": (gettext_lazy("Matchingsrondes"), rounds),
    "plaatsingen": (gettext_lazy("Plaatsingen"), placements),
    "eigen-stageplekken": (gettext_lazy("Eigen stageplekken"), own_placements),
    "contactmomenten": (gettext_lazy("Contactmomenten"), contact_moments),
    "meldingen": (gettext_lazy("Meldingen (alleen aantallen)"), signal_counts),
    "evaluaties": (gettext_lazy("Eindevaluaties"), evaluations),
    "planning": (gettext_lazy("Planning"), planning),
}
