"""The fairness table of a round, with and without the priority setting, for an audit or to
decide whether to switch priority on: `manage.py fairness_report --round <id>` runs the engine
twice in memory on the round's current input with its committed seed and prints the placement
rate per group. Without `--round` it reports on a whole cohort of a school (`--school`,
`--cohort`; default: the first school and its largest cohort) as a direct round with a fixed
seed would place it, e.g. the demo school. It stores nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count

from accounts.models import Institution, User
from accounts.tenancy import school_scope, scopes_disabled
from matching import engine
from matching.models import Round
from matching.selectors.fairness import (
    dimension_label,
    fairness_figures,
    group_label,
    group_labels,
    own_placements,
)
from matching.selectors.snapshot import round_snapshot
from programmes.models import Programme
from students.models import Student

FIXED_SEED = 2026


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


class Command(BaseCommand):
    help = "Placement rate per group of a round, with and without priority (stores nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", type=int, help="the round's id")
        parser.add_argument("--school", help="the school's short name (without --round)")
        parser.add_argument("--cohort", type=int, help="the cohort (without --round)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["round"]:
            with scopes_disabled():  # only to find the round; the report runs in its school
                rnd = Round.objects.filter(pk=options["round"]).first()
            if rnd is None:
                raise CommandError("Die ronde bestaat niet.")
            with school_scope(rnd.institution_id):
                self._report(rnd, rnd.lottery_seed)
            return
        school = Institution.objects.order_by("pk")
        if options["school"]:
            school = school.filter(slug=options["school"])
        institution = school.first()
        if institution is None:
            raise CommandError("Geen school gevonden.")
        with school_scope(institution), transaction.atomic():
            self._report(self._cohort_round(institution, options["cohort"]), FIXED_SEED)
            transaction.set_rollback(True)  # the round was only a frame for the report

    def _cohort_round(self, institution: Institution, cohort: int | None) -> Round:
        students = Student.objects.filter(programme__institution=institution)
        if cohort is None:
            top = students.values("cohort").annotate(n=Count("pk")).order_by("-n").first()
            if top is None:
                raise CommandError("Deze school heeft geen studenten.")
            cohort = int(top["cohort"])
        rnd = Round.objects.create(
            institution=institution,
            name=f"Cohort {cohort}",
            cohort=cohort,
            created_by=User.objects.filter(institution=institution).order_by("pk").first(),
        )
        rnd.programmes.set(Programme.objects.filter(institution=institution))
        return rnd

    def _report(self, rnd: Round, seed: int | None) -> None:
        if seed is None:
            raise CommandError("Deze ronde heeft nog geen vastgelegde loting.")
        tables = {}
        for priority in (False, True):
            snap = round_snapshot(rnd, priority=priority)
            out = engine.run_round(snap, seed)
            labels = group_labels(str(s["id"]) for s in snap["students"])
            tables[priority] = fairness_figures(snap, out, labels, own_placements(rnd))
        self.stdout.write(f"{rnd.institution.name}, {rnd.name}: plaatsing per groep")
        self.stdout.write(f"{'groep':44} {'n':>6} {'zonder voorrang':>16} {'met voorrang':>14}")
        cohort = [tables[p]["cohort"] for p in (False, True)]
        self.stdout.write(
            f"{'cohort':44} {cohort[0]['students']:>6} {_pct(cohort[0]['rate']):>16}"
            f" {_pct(cohort[1]['rate']):>14}"
        )
        with_priority = {(r["dimension"], r["label"]): r for r in tables[True]["groups"]}
        for row in tables[False]["groups"]:
            other = with_priority.get((row["dimension"], row["label"]), {})
            dim, label = row["dimension"], row["label"]
            name = f"{dimension_label(dim)}: {group_label(dim, label)}"
            self.stdout.write(
                f"{name[:44]:44} {row['students']:>6} {_pct(row['rate']):>16}"
                f" {_pct(other.get('rate')):>14}"
            )
