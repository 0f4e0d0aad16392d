"""The stappenplan as a dashboard: phases A (school), B (companies) and C (students), each step
with its status, the figures behind it and the next action as a link.

Every figure comes from an aggregate query (`figures`, `matching.selectors.coverage`), so the
number of queries is the same for a school of 30 students and one of 10,000.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Role
from cockpit.models import PlanningStep, StepKind
from matching.models import RoundStatus
from matching.selectors.coverage import supply_and_demand
from programmes.models import WorkProcess

from . import figures
from .planning import overdue_steps, owners_by_programme, planned_by_programme, steps_of

DONE, BUSY, TODO, LATE = "klaar", "bezig", "te-doen", "te-laat"
STATUS_LABELS = {
    DONE: gettext_lazy("Klaar"),
    BUSY: gettext_lazy("Bezig"),
    TODO: gettext_lazy("Nog te doen"),
    LATE: gettext_lazy("Te laat"),
}
# The steps a programme's planning needs before it can start (stappenplan A3).
PLAN_NEEDED = {StepKind.INTAKE_CLOSE, StepKind.RUN, StepKind.RELEASE}
UPCOMING = 3  # the next steps of the planning shown on the dashboard


@dataclass
class Step:
    code: str
    title: str
    status: str
    figures: str
    action: str = ""
    url: str = ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class Phase:
    code: str
    title: str
    steps: list[Step] = field(default_factory=list)

    @property
    def status(self) -> str:
        states = {s.status for s in self.steps}
        for state in (LATE, TODO, BUSY):
            if state in states:
                return BUSY if state == TODO and DONE in states else state
        return DONE

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _late(kinds: set[str], overdue: list[PlanningStep], status: str) -> str:
    """A step that is not done and whose planned date passed is late."""
    if status != DONE and any(s.kind in kinds for s in overdue):
        return LATE
    return status


def _readiness(
    coverage: list[dict[str, Any]],
    offers: dict[int, dict[str, int]],
    steps: list[PlanningStep],
    placed: dict[int, int],
) -> list[dict[str, Any]]:
    """A2: per programme whether it is ready to match (a pilot starts when it is)."""
    planned = planned_by_programme(steps)
    owners = owners_by_programme(steps)
    rows = []
    for row in coverage:
        pid = row["programme"].pk
        offer = offers.get(pid, {"companies": 0, "signed": 0, "offers": 0, "places": 0})
        enough = row["students"] > 0 and row["places"] >= row["students"]
        signed = offer["companies"] > 0 and offer["signed"] == offer["companies"]
        contact = bool(owners.get(pid) or owners.get(None))
        planning = PLAN_NEEDED <= (planned.get(pid, set()) | planned.get(None, set()))
        rows.append(
            {
                **row,
                "companies": offer["companies"],
                "signed": offer["signed"],
                "enough_places": enough,
                "agreements": signed,
                "contact": contact,
                "planning": planning,
                "placed": placed.get(pid, 0),
                "ready": enough and signed and contact and planning,
            }
        )
    return rows


def _phase_a(ctx: dict[str, Any]) -> Phase:
    staff, ready, steps, overdue = ctx["staff"], ctx["ready"], ctx["steps"], ctx["overdue"]
    reviewers = staff[Role.REVIEWER]
    team_ok = staff[Role.COORDINATOR] >= 1 and reviewers >= 2
    n_ready = sum(r["ready"] for r in ready)
    with_wp = ctx["with_work_processes"]
    planning = reverse("cockpit:planning")
    return Phase(
        "A",
        _("Binnen de school"),
        [
            Step(
                "A1",
                _("Projectteam"),
                DONE if team_ok else TODO,
                _("%(c)s bpv-coördinator(en), %(r)s slb'ers, %(z)s zorgcoördinator(en)")
                % {"c": staff[Role.COORDINATOR], "r": reviewers, "z": staff[Role.CARE_COORDINATOR]},
                "" if team_ok else _("Elke match heeft twee beoordelaars nodig: nodig slb'ers uit"),
                "" if team_ok else reverse("admin:index"),
            ),
            Step(
                "A2",
                _("Opleidingen die meedoen"),
                DONE if n_ready else (BUSY if ready else TODO),
                _("%(n)s van %(t)s opleidingen klaar om te matchen")
                % {"n": n_ready, "t": len(ready)},
                "" if n_ready == len(ready) else _("Bekijk wat per opleiding nog ontbreekt"),
                "#gereed",
            ),
            Step(
                "A3",
                _("Planning met deadlines en verantwoordelijken"),
                LATE if overdue else (BUSY if steps else TODO),
                ngettext("%(n)s stap gepland", "%(n)s stappen gepland", len(steps))
                % {"n": len(steps)}
                + (", " + _("%(n)s te laat") % {"n": len(overdue)} if overdue else ""),
                _("Bekijk wat te laat is") if overdue else _("Plan de stappen van dit schooljaar"),
                planning,
            ),
            Step(
                "A4",
                _("Waarop je matcht: werkprocessen per opleiding"),
                DONE if ready and with_wp == len(ready) else TODO,
                _("%(n)s van %(t)s opleidingen hebben werkprocessen")
                % {"n": with_wp, "t": len(ready)},
                ""
                if ready and with_wp == len(ready)
                else _("Vul de kerntaken en werkprocessen aan"),
                "" if ready and with_wp == len(ready) else reverse("programmes:list"),
            ),
        ],
    )


def _phase_b(ctx: dict[str, Any]) -> Phase:
    c, overdue, coverage = ctx["companies"], ctx["overdue"], ctx["coverage"]
    students = sum(r["students"] for r in coverage)
    places = sum(r["places"] for r in coverage)
    short = sum(r["short"] for r in coverage)
    offers = sum(o["offers"] for o in ctx["offers"].values())
    companies = reverse("companies:staff-list")
    pending = ctx["pending_companies"]
    b1 = DONE if c["recognised"] and not pending else (BUSY if c["total"] else TODO)
    b2 = DONE if students and not short else (BUSY if offers else TODO)
    b3 = DONE if c["active"] and not c["unsigned"] else (BUSY if c["signed"] else TODO)
    return Phase(
        "B",
        _("Met de leerbedrijven"),
        [
            Step(
                "B1",
                _("Erkende leerbedrijven die meedoen"),
                _late({StepKind.RECRUIT}, overdue, b1),
                _("%(a)s actieve bedrijven, %(r)s erkend voor een opleiding")
                % {"a": c["active"], "r": c["recognised"]},
                ngettext(
                    "%(n)s bedrijf wacht op controle → controleer het",
                    "%(n)s bedrijven wachten op controle → controleer ze",
                    pending,
                )
                % {"n": pending}
                if pending
                else "",
                f"{companies}?status=pending" if pending else "",
            ),
            Step(
                "B2",
                _("Aanbod: plaatsen tegenover studenten"),
                _late({StepKind.RECRUIT}, overdue, b2),
                _("%(o)s aanbiedingen, %(p)s plaatsen voor %(s)s studenten")
                % {"o": offers, "p": places, "s": students},
                _("%(n)s plaatsen tekort → bekijk de dekking per gemeente") % {"n": short}
                if short
                else "",
                reverse("matching:coverage") if short else "",
            ),
            Step(
                "B3",
                _("Afspraken: de overeenkomst getekend"),
                _late({StepKind.AGREEMENT}, overdue, b3),
                _("%(s)s van %(a)s actieve bedrijven tekenden de huidige overeenkomst")
                % {"s": c["signed"], "a": c["active"]},
                ngettext(
                    "%(n)s bedrijf heeft de overeenkomst nog niet getekend → herinner het",
                    "%(n)s bedrijven hebben de overeenkomst nog niet getekend → herinner ze",
                    c["unsigned"],
                )
                % {"n": c["unsigned"]}
                if c["unsigned"]
                else "",
                companies if c["unsigned"] else "",
            ),
        ],
    )


def _phase_c(ctx: dict[str, Any]) -> Phase:
    coverage, rounds, overdue = ctx["coverage"], ctx["rounds"], ctx["overdue"]
    taking_part = sum(r["students"] for r in coverage)
    submitted = sum(r["submitted"] for r in coverage)
    not_done = taking_part - submitted
    placed = sum(ctx["placed"].values())
    by_status = rounds["by_status"]
    released = by_status[RoundStatus.RELEASED] + by_status[RoundStatus.CLOSED]
    running = rounds["total"] - released - by_status[RoundStatus.DRAFT]
    c3 = DONE if taking_part and not not_done else (BUSY if submitted else TODO)
    c4 = DONE if released and not running else (BUSY if rounds["total"] else TODO)
    c5 = DONE if taking_part and placed >= taking_part else (BUSY if placed else TODO)
    pending = ctx["own_pending"]
    life = ctx["life"]
    unsigned = life["placements"] - life["pok"]["complete"]
    c5_action, c5_url = "", ""
    if pending:
        c5_action = ngettext(
            "%(n)s eigen stageplek wacht op beoordeling",
            "%(n)s eigen stageplekken wachten op beoordeling",
            pending,
        ) % {"n": pending}
        c5_url = reverse("students:own-placements")
    elif unsigned:
        c5_action = ngettext(
            "%(n)s praktijkovereenkomst is nog niet door iedereen getekend → bekijk de stages",
            "%(n)s praktijkovereenkomsten zijn nog niet door iedereen getekend → bekijk de stages",
            unsigned,
        ) % {"n": unsigned}
        c5_url = reverse("followup:list")
    waiting, objections = rounds["waiting"], rounds["open_objections"]
    if objections:
        c4_action = ngettext(
            "%(n)s bezwaar wacht op een besluit",
            "%(n)s bezwaren wachten op een besluit",
            objections,
        ) % {"n": objections}
    elif waiting:
        c4_action = _("%(n)s matches wachten op goedkeuring → beoordeel ze") % {"n": waiting}
    elif not rounds["total"]:
        c4_action = _("Begin een matchingsronde")
    else:
        c4_action = ""
    dashboard = reverse("matching:dashboard")
    return Phase(
        "C",
        _("Met de studenten"),
        [
            Step(
                "C3",
                _("Leerwensen ingediend"),
                _late({StepKind.INTAKE_OPEN, StepKind.INTAKE_CLOSE}, overdue, c3),
                _("%(s)s van %(t)s studenten diende het formulier in")
                % {"s": submitted, "t": taking_part},
                ngettext(
                    "%(n)s student heeft nog niets ingediend → herinner hem of haar",
                    "%(n)s studenten hebben nog niets ingediend → herinner ze",
                    not_done,
                )
                % {"n": not_done}
                if not_done
                else "",
                reverse("students:staff-list") if not_done else "",
            ),
            Step(
                "C4",
                _("De match: rondes, beoordeling en bekendmaking"),
                _late({StepKind.RUN, StepKind.REVIEW, StepKind.RELEASE}, overdue, c4),
                _("%(t)s rondes dit schooljaar, %(r)s bekendgemaakt")
                % {"t": rounds["total"], "r": released},
                c4_action,
                (reverse("matching:round-create") if not rounds["total"] else dashboard)
                if c4_action
                else "",
            ),
            Step(
                "C5",
                _("Begeleiding en contact na de match"),
                _late(
                    {StepKind.INTRO, StepKind.POK, StepKind.CONTACT, StepKind.EVALUATION},
                    overdue,
                    c5,
                ),
                _(
                    "%(p)s van %(t)s studenten geplaatst, %(e)s stages voortijdig beëindigd; "
                    "POK getekend bij %(k)s van %(s)s stages, %(c)s met minstens 3 contactmomenten"
                )
                % {
                    "p": placed,
                    "t": taking_part,
                    "e": ctx["ended_early"],
                    "k": life["pok"]["complete"],
                    "s": life["placements"],
                    "c": life["contacts"]["enough"],
                },
                c5_action,
                c5_url,
            ),
        ],
    )


def dashboard(institution_id: int, year: int, today: dt.date | None = None) -> dict[str, Any]:
    """Everything the stappenplan page shows, for one school and school year."""
    today = today or timezone.localdate()
    steps = list(steps_of(institution_id, year))
    coverage = supply_and_demand(institution_id)
    offers = figures.offer_figures(institution_id)
    placed = figures.placed_by_programme(today)
    with_wp = (
        WorkProcess.objects.filter(core_task__programme__institution=institution_id)
        .values("core_task__programme_id")
        .distinct()
        .count()
    )
    ready = _readiness(coverage, offers, steps, placed)
    companies = figures.company_figures(institution_id)
    ctx: dict[str, Any] = {
        "staff": figures.staff_by_role(institution_id),
        "ready": ready,
        "steps": steps,
        "overdue": list(overdue_steps(institution_id, today)),
        "with_work_processes": with_wp,
        "companies": companies,
        "pending_companies": companies["pending"],
        "coverage": coverage,
        "offers": offers,
        "placed": placed,
        "rounds": figures.round_figures(institution_id, year),
        "own_pending": figures.own_placements_pending(institution_id),
        "ended_early": figures.ended_early(institution_id, year),
        "life": figures.life_figures(figures.placements_of_year(institution_id, year)),
    }
    return {
        "phases": [_phase_a(ctx), _phase_b(ctx), _phase_c(ctx)],
        "readiness": ready,
        "overdue": ctx["overdue"],
        # Who acts next: the first steps ahead that are not done, with their owner.
        "upcoming": [s for s in steps if s.done_on is None and s.due_on >= today][:UPCOMING],
        "year": year,
    }
