"""Choosing a run as the round's proposal: its matches, under pseudonyms, for the review."""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Offer
from matching.models import Match, Round, RoundCapacity, RoundStatus, Run, RunStatus
from placements.selectors import free_seats, placed_student_ids
from programmes.models import WorkProcess
from students.models import LearningProfile

from .audit import audit
from .rounds import locked
from .rounds_moves import round_start_review


def pseudonym(rnd: Round, profile_id: int, length: int = 4) -> str:
    digest = hmac.new(
        rnd.pseudonym_salt.encode(), str(profile_id).encode(), hashlib.sha256
    ).hexdigest()
    return "S-" + digest[:length].upper()


def _still_fits(run: Run) -> None:
    """The ledger may have moved since the run's input was frozen (another round approved, an
    own placement approved): refuse a proposal that would place someone twice or overfill."""
    profile_ids = [int(s["id"]) for s in run.snapshot["students"]]
    placed = LearningProfile.objects.filter(
        pk__in=profile_ids, student_id__in=placed_student_ids()
    ).count()
    load = Counter(int(a["offer"]) for a in run.output["assignments"])
    free = free_seats(Offer.objects.filter(pk__in=list(load)))
    short = sum(1 for oid, n in load.items() if n > free.get(oid, 0))
    if placed or short:
        raise ValidationError(
            _(
                "Sinds deze run is voorbereid, hebben %(n)s studenten uit de run een stageplek "
                "gekregen en hebben %(m)s aanbiedingen te weinig vrije plaatsen voor de run. "
                "Bereid een nieuwe run voor."
            )
            % {"n": placed, "m": short}
        )


def _wishes(student: dict[str, Any], names: dict[tuple[str, str], str]) -> dict[str, Any]:
    """What the match was made on: the run's input, with the work processes' names."""
    crebo = student.get("crebo", "")
    return {
        "learning_wishes": list(student.get("learning_wishes", [])),
        "work_processes": [
            [code, names.get((crebo, code), "")] for code in student.get("work_processes", [])
        ],
    }


@transaction.atomic
def run_choose(*, run: Run, by: User, reason: str = "") -> None:
    """Make this run the round's proposal: (re)create the matches from its output, each with a
    copy of the wishes it was made on. In the phase 'Toewijzen' this is the move to the
    review (`round_start_review`). With more than one finished run the choice needs a reason,
    which is recorded on the round and in its log."""
    rnd = locked(run.round)
    if run.round_id != rnd.pk or run.status != RunStatus.DONE:
        raise ValidationError(_("Deze run is nog niet klaar."))
    reason = reason.strip()
    if not reason and rnd.runs.filter(status=RunStatus.DONE).count() > 1:
        raise ValidationError(
            _(
                "Er zijn meer runs klaar: schrijf waarom je deze kiest (bijvoorbeeld 'met "
                "voorrang: kleiner verschil voor studenten met extra begeleiding')."
            )
        )
    if rnd.status not in (RoundStatus.ALLOCATING, RoundStatus.REVIEW):
        raise ValidationError(
            _("Een voorstel kiezen kan alleen in de fase 'Toewijzen' of 'Beoordeling'.")
        )
    _still_fits(run)
    rnd.matches.all().delete()
    assigned = {a["student"]: a["offer"] for a in run.output["assignments"]}
    crebos = {s.get("crebo") for s in run.snapshot["students"]}
    names = {
        (crebo, code): name
        for crebo, code, name in WorkProcess.objects.filter(
            core_task__programme__institution=rnd.institution_id,
            core_task__programme__crebo__in=crebos,
        ).values_list("core_task__programme__crebo", "code", "name")
    }
    used: set[str] = set()
    matches = []
    for sdict in run.snapshot["students"]:
        sid = int(sdict["id"])
        # 4 hex digits read best; a longer prefix of the same digest only on a collision.
        name = next(p for p in (pseudonym(rnd, sid, n) for n in (4, 5, 6)) if p not in used)
        used.add(name)
        oid = assigned.get(sdict["id"])
        explanation = run.output["explanations"].get(sdict["id"], {})
        score = explanation["score"] if oid else None
        travel = explanation.get("travel_minutes") if oid else None
        matches.append(
            Match(
                round=rnd,
                profile_id=sid,
                offer_id=int(oid) if oid else None,
                pseudonym=name,
                score=score,
                travel_minutes=travel,
                max_travel_minutes=sdict.get("max_travel_minutes"),
                proposed_score=score,
                proposed_travel_minutes=travel,
                explanation=explanation,
                unplaced_reason=run.output["unplaced_reasons"].get(sdict["id"], {}),
                wishes=_wishes(sdict, names),
                objective=sdict,
            )
        )
    # Stored in the order of their random sort key, so even the database ids do not follow
    # the student list.
    Match.objects.bulk_create(sorted(matches, key=lambda m: m.sort_key))
    RoundCapacity.objects.filter(round=rnd).delete()
    load = Counter(int(o) for o in assigned.values())
    RoundCapacity.objects.bulk_create(
        [
            RoundCapacity(
                round=rnd,
                offer_id=int(o["id"]),
                capacity=o["capacity"],
                used=load[int(o["id"])],
                profile=o,
            )
            for o in run.snapshot["offers"]
        ]
    )
    rnd.chosen_run = run
    rnd.chosen_reason = reason
    rnd.save(update_fields=["chosen_run", "chosen_reason"])
    audit(rnd, by, "run_chosen", run=run.number, reason=reason)
    if rnd.status == RoundStatus.ALLOCATING:
        round_start_review(rnd=rnd, by=by)
