"""The fairness table of a round, with and without the priority setting, for an audit or to
decide whether to switch priority on. `manage.py fairness_report --round <id>` reports on the
round's chosen run (its frozen input and seed), or on the round's current input with its
committed seed before a run is chosen. Without `--round` it takes the school's latest round
with a chosen run, or, when there is none, the whole largest cohort of the school as a direct
round with a fixed seed would place it (`--school`, `--cohort`). The engine runs twice in
memory; groups under 10 students are left out; nothing is stored."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count

from accounts.models import Institution, User
from accounts.tenancy import school_scope, scopes_disabled
from catalog.public import SMALL_COUNT
from matching import engine
from matching.models import Round, Run
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
        with school_scope(institution):
            latest = (
                Round.objects.filter(chosen_run__isnull=False, lottery_seed__isnull=False)
                .order_by("-pk")
                .first()
            )
            if latest is not None and options["cohort"] is None:
                self._report(latest, latest.lottery_seed)
                return
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
        # A round with a chosen run is reported on that run's frozen input (after the release
        # the placed students no longer take part in the round's current input).
        chosen = Run.objects.filter(pk=rnd.chosen_run_id).first() if rnd.chosen_run_id else None
        base = chosen.snapshot if chosen else round_snapshot(rnd)
        tables = {}
        for priority in (False, True):
            snap = {**base, "settings": {**(base.get("settings") or {}), "priority": priority}}
            out = engine.run_round(snap, chosen.seed if chosen else seed)
            labels = group_labels(str(s["id"]) for s in snap["students"])
            tables[priority] = fairness_figures(snap, out, labels, own_placements(rnd))
        self.stdout.write(f"{rnd.institution.name}, {rnd.name}: plaatsing per groep")
        self.stdout.write(f"{'groep':60} {'n':>6} {'zonder voorrang':>16} {'met voorrang':>14}")
        cohort = [tables[p]["cohort"] for p in (False, True)]
        self.stdout.write(
            f"{'cohort':60} {cohort[0]['students']:>6} {_pct(cohort[0]['rate']):>16}"
            f" {_pct(cohort[1]['rate']):>14}"
        )
        with_priority = {(r["dimension"], r["label"]): r for r in tables[True]["groups"]}
        small = 0
        for row in tables[False]["groups"]:
            if row["students"] < SMALL_COUNT:
                small += 1  # a rate of a handful of students points at persons
                continue
            other = with_priority.get((row["dimension"], row["label"]), {})
            dim, label = row["dimension"], row["label"]
            name = f"{dimension_label(dim)}: {group_label(dim, label)}"
            self.stdout.write(
                f"{name[:60]:60} {row['students']:>6} {_pct(row['rate']):>16}"
                f" {_pct(other.get('rate')):>14}"
            )
        if small:
            self.stdout.write(
                f"({small} groepen met minder dan {SMALL_COUNT} studenten niet getoond)"
            )
