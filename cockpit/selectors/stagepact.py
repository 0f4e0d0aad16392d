"""The Stagepact report of a school year: aggregates only, never a person.

Who counts: first-year BOL students (cohort = the school year) of the programmes that took part
(a programme of a round made in that school year), as agreed in the Stagepact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils.translation import gettext as _

from catalog.models import Pathway
from matching.models import Objection, ObjectionStatus, Round
from placements.models import Placement, PlacementSource, PlacementStatus
from programmes.models import Programme
from spreadsheets.exports import DECIMAL, INTEGER, Column, Table
from students.models import OwnPlacement, OwnPlacementStatus, ProfileStatus, Student

from . import fairness
from .figures import life_figures, year_bounds

SMALL_GROUP = 10  # groups smaller than this are not shown (privacy)


@dataclass(frozen=True)
class Figure:
    section: str
    label: str
    value: Any  # a number, or None when the app does not record it (yet)
    unit: str = ""


def _avg(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def report(institution_id: int, year: int) -> dict[str, Any]:
    start, end = year_bounds(year)
    rounds = Round.objects.filter(institution=institution_id, created_at__gte=start)
    rounds = rounds.filter(created_at__lt=end)
    taking_part_in = list(
        Programme.objects.filter(institution=institution_id, rounds__in=rounds.values("pk"))
        .distinct()
        .order_by("name")
        .values_list("pk", "name", "crebo", "pathway")
    )
    names = [(name, crebo, pathway) for _pk, name, crebo, pathway in taking_part_in]
    # The few programme ids as a list: a nested subquery here made PostgreSQL misjudge the
    # join and probe the placements once per student and programme (150-180 ms at 10,000).
    bol = [pk for pk, _name, _crebo, pathway in taking_part_in if pathway == Pathway.BOL]
    first_years = Student.objects.filter(programme__in=bol, cohort=year)
    by_status = first_years.aggregate(
        total=Count("id"),
        opted_out=Count("id", filter=Q(profile__status=ProfileStatus.OPTED_OUT)),
        submitted=Count("id", filter=Q(profile__status=ProfileStatus.SUBMITTED)),
    )
    placements = Placement.objects.filter(
        student__programme__in=bol, student__cohort=year, created_at__gte=start, created_at__lt=end
    )
    by_source = placements.aggregate(
        placed=Count("student_id", distinct=True),
        matched=Count("student_id", filter=Q(source=PlacementSource.MATCH), distinct=True),
        own=Count("student_id", filter=Q(source=PlacementSource.OWN), distinct=True),
        ended=Count("id", filter=Q(status=PlacementStatus.ENDED_EARLY)),
        replaced=Count("id", filter=Q(source=PlacementSource.REPLACEMENT)),
        days=Avg(
            ExpressionWrapper(
                F("visible_from") - F("student__profile__submitted_at"),
                output_field=DurationField(),
            ),
            filter=Q(source=PlacementSource.MATCH, student__profile__submitted_at__isnull=False),
        ),
    )
    placed = by_source["placed"]
    own = OwnPlacement.objects.filter(student__in=first_years.values("pk")).aggregate(
        approved=Count("id", filter=Q(status=OwnPlacementStatus.APPROVED)),
        refused=Count("id", filter=Q(status=OwnPlacementStatus.REFUSED)),
        pending=Count("id", filter=Q(status=OwnPlacementStatus.PENDING)),
    )
    objections = Objection.objects.filter(match__round__in=rounds.values("pk")).aggregate(
        total=Count("id"),
        upheld=Count("id", filter=Q(status=ObjectionStatus.UPHELD)),
        rejected=Count("id", filter=Q(status=ObjectionStatus.REJECTED)),
        open=Count("id", filter=Q(status__in=[ObjectionStatus.FILED, ObjectionStatus.IN_PROGRESS])),
    )
    taking_part = by_status["total"] - by_status["opted_out"]
    days = by_source["days"]
    avg_days = round(days.total_seconds() / 86400, 1) if days is not None else None
    s_part, s_place, s_after, s_obj, s_follow = (
        _("Deelname"),
        _("Plaatsing"),
        _("Na de match"),
        _("Bezwaren"),
        _("Begeleiding"),
    )
    life = life_figures(placements)
    evaluations = life["evaluations"]
    s_eval = _("Evaluatie")
    figures = [
        Figure(s_part, _("Opleidingen die meedoen"), len(names)),
        Figure(s_part, _("Rondes"), rounds.count()),
        Figure(s_part, _("Eerstejaars bol-studenten in die opleidingen"), by_status["total"]),
        Figure(s_part, _("Van hen: zoeken zelf een stage"), by_status["opted_out"]),
        Figure(s_part, _("Van hen: leerwensformulier ingediend"), by_status["submitted"]),
        Figure(s_place, _("Geplaatst (eerstejaars bol)"), placed),
        Figure(s_place, _("Plaatsingsgraad"), _rate(placed, by_status["total"]), "%"),
        Figure(s_place, _("Via de matching geplaatst"), by_source["matched"]),
        Figure(
            s_place,
            _("Plaatsingsgraad via de matching"),
            _rate(by_source["matched"], taking_part),
            "%",
        ),
        Figure(s_place, _("Gemiddelde tijd van indienen tot bekendmaking"), avg_days, _("dagen")),
        Figure(s_place, _("Eigen stageplekken goedgekeurd"), own["approved"]),
        Figure(s_place, _("Eigen stageplekken afgewezen"), own["refused"]),
        Figure(s_after, _("Stages voortijdig beëindigd"), by_source["ended"]),
        Figure(s_after, _("Herplaatsingen"), by_source["replaced"]),
        Figure(s_after, _("Weigeringen door het bedrijf na de match"), life["refusals"]),
        Figure(s_obj, _("Bezwaren tegen een match"), objections["total"]),
        Figure(s_obj, _("Bezwaren toegekend"), objections["upheld"]),
        Figure(s_obj, _("Bezwaren afgewezen"), objections["rejected"]),
        Figure(s_obj, _("Bezwaren nog open"), objections["open"]),
        Figure(s_follow, _("Kennismakingsgesprekken gehouden"), life["intro_held"]),
        Figure(
            s_follow,
            _("Praktijkovereenkomsten volledig ondertekend"),
            _rate(life["pok"]["complete"], life["placements"]),
            "%",
        ),
        Figure(
            s_follow,
            _("Stages met minstens 3 contactmomenten"),
            _rate(life["contacts"]["enough"], life["placements"]),
            "%",
        ),
        Figure(
            s_follow,
            _("Stages met minstens 1 contactmoment op locatie"),
            _rate(life["contacts"]["on_site"], life["placements"]),
            "%",
        ),
        Figure(
            s_follow, _("Meldingen van discriminatie of ongewenst gedrag"), life["signals"]["total"]
        ),
        Figure(s_follow, _("Meldingen nog niet afgehandeld"), life["signals"]["open"]),
        Figure(s_eval, _("Evaluaties ingevuld"), evaluations["n"]),
        Figure(s_eval, _("Paste de plek? (1-5)"), _avg(evaluations["match"])),
        Figure(s_eval, _("De begeleiding (1-5)"), _avg(evaluations["guidance"])),
        Figure(s_eval, _("Voelde het objectief? (1-5)"), _avg(evaluations["objective"])),
    ]
    return {
        "year": year,
        "programmes": names,
        "figures": figures,
        "fairness": fairness.of_year(institution_id, year),
    }


def report_table(data: dict[str, Any]) -> Table:
    year = data["year"]
    columns = [
        Column(_("onderdeel")),
        Column(_("cijfer")),
        Column(_("aantal"), INTEGER),
        Column(_("percentage of gemiddelde"), DECIMAL),
        Column(_("eenheid")),
    ]
    not_recorded = _("geen gegevens")
    rows: list[list[Any]] = []
    for f in data["figures"]:
        whole = isinstance(f.value, int) and not f.unit
        rows.append(
            [
                f.section,
                f.label,
                f.value if whole else None,
                None if whole else f.value,
                f.unit if f.value is not None else not_recorded,
            ]
        )
    rows += [
        [_("Opleidingen"), f"{name} ({crebo} {pathway})", None, None, ""]
        for name, crebo, pathway in data["programmes"]
    ]
    rows += fairness_rows(data["fairness"])
    return Table(f"stagepact-{year}-{year + 1}", columns, rows)


def fairness_rows(rows: list[tuple[fairness.GroupRow, float | None]]) -> list[list[Any]]:
    """Per group: its placement rate and the gap with the cohort; a small group only says
    that it is not shown."""
    section, small = _("Eerlijkheid"), _("minder dan 10 studenten: niet getoond")
    out: list[list[Any]] = []
    for group, gap in rows:
        if group.suppressed:
            out.append([section, group.group, None, None, small])
            continue
        out.append(
            [
                section,
                _("%(g)s: studenten en percentage geplaatst") % {"g": group.group},
                group.students,
                group.rate,
                "%",
            ]
        )
        if gap is not None:
            out.append(
                [
                    section,
                    _("%(g)s: verschil met het cohort") % {"g": group.group},
                    None,
                    gap,
                    _("procentpunt"),
                ]
            )
    return out
