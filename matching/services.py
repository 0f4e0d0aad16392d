"""Round workflow: state machine, runs, four-eyes review, release and notifications."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections import Counter
from functools import partial
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Institution, User
from companies.models import CompanyContact, Offer
from companies.selectors import offers_for_matching
from programmes.models import Programme
from students.models import LearningProfile, ProfileStatus

from . import engine
from .engine.allocate import allocate, canonical_sha256, shortlists
from .engine.io import (
    offer_from_dict,
    offer_to_dict,
    settings_from_dict,
    settings_to_dict,
    student_from_dict,
    student_to_dict,
)
from .engine.scoring import score_pairs
from .engine.types import RoundSettings, Weights
from .engine_input import offer_profile, student_profile
from .models import (
    TRANSITIONS,
    Approval,
    AuditEvent,
    Match,
    MatchStatus,
    Notification,
    NotificationStatus,
    Objection,
    Preference,
    Round,
    RoundCapacity,
    RoundStatus,
    RoundTransition,
    Run,
    RunStatus,
    ShortlistItem,
    Variant,
)

APPROVALS_NEEDED = 2
CANDIDATES_KEPT = 10
NOTIFICATION_CHUNK = 100
NOTIFICATION_CHUNKS_PER_TICK = 10
STALE_CLAIM = dt.timedelta(minutes=15)


def audit(
    round: Round, actor: User | None, action: str, match: Match | None = None, **detail: Any
) -> None:
    AuditEvent.objects.create(round=round, match=match, actor=actor, action=action, detail=detail)


# --- rounds and their state machine -----------------------------------------------------------


@transaction.atomic
def round_create(
    *, institution: Institution, name: str, programmes: list[Programme], cohort: int, variant: str,
    by: User, weights: dict[str, float] | None = None, follow_up_of: Round | None = None, **dates: Any,
) -> Round:  # fmt: skip
    rnd = Round(institution=institution, name=name, cohort=cohort, variant=variant, created_by=by,
                weights=weights or Weights().as_dict(), follow_up_of=follow_up_of, **dates)  # fmt: skip
    rnd.full_clean(exclude=["chosen_run"])
    rnd.save()
    rnd.programmes.set(programmes)
    audit(rnd, by, "round_created", variant=variant)
    return rnd


@transaction.atomic
def round_transition(*, round: Round, to: str, by: User) -> Round:
    """Move the round along the state machine; any move not in TRANSITIONS is refused."""
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    if to not in TRANSITIONS[rnd.status]:
        raise ValidationError(
            _("Van '%(a)s' naar '%(b)s' kan niet.")
            % {"a": RoundStatus(rnd.status).label, "b": RoundStatus(to).label}
        )
    if to == RoundStatus.PREFERENCES and rnd.variant == Variant.DIRECT:
        raise ValidationError(_("Een directe ronde heeft geen voorkeursfase."))
    RoundTransition.objects.create(round=rnd, from_status=rnd.status, to_status=to, by=by)
    rnd.status = to
    rnd.save(update_fields=["status"])
    audit(rnd, by, "transition", to=to)
    return rnd


def round_settings(rnd: Round) -> RoundSettings:
    return settings_from_dict({"weights": rnd.weights or {}})


# --- the engine input -------------------------------------------------------------------------


def _profiles(rnd: Round) -> list[LearningProfile]:
    qs = LearningProfile.objects.filter(
        student__programme__in=rnd.programmes.all(),
        student__cohort=rnd.cohort,
        status=ProfileStatus.SUBMITTED,
    )
    if rnd.follow_up_of_id:
        qs = qs.filter(matches__round=rnd.follow_up_of_id, matches__offer__isnull=True)
    return list(
        qs.select_related("student__programme", "home_place")
        .prefetch_related("wishes__work_process", "organisation_types", "electives", "extra_places")
        .order_by("pk")
    )


def _offers(rnd: Round) -> list[tuple[Offer, int]]:
    """Offers with the places still free: a follow-up round offers what the first left over."""
    taken: Counter[int] = Counter()
    if rnd.follow_up_of_id:
        taken.update(
            Match.objects.filter(round=rnd.follow_up_of_id, offer__isnull=False).values_list(
                "offer_id", flat=True
            )
        )
    qs = (
        offers_for_matching(rnd.institution_id)
        .filter(programme__in=rnd.programmes.all())
        .prefetch_related("work_processes")
    )
    return [(o, o.capacity - taken[o.pk]) for o in qs if o.capacity - taken[o.pk] > 0]


def snapshot_build(rnd: Round) -> dict[str, Any]:
    """Exactly the engine input of a run: objective profiles only, plus settings and ranks."""
    students = [p for p in (student_profile(x) for x in _profiles(rnd)) if p is not None]
    offers = []
    for offer, free in _offers(rnd):
        d = offer_to_dict(offer_profile(offer))
        d["capacity"] = free
        offers.append(d)
    snap: dict[str, Any] = {
        "students": [student_to_dict(s) for s in students],
        "offers": offers,
        "settings": settings_to_dict(round_settings(rnd)),
        "objective": "score" if rnd.variant == Variant.DIRECT else "rank",
    }
    if rnd.variant != Variant.DIRECT:
        ranks: dict[str, list[str]] = {}
        for pref in Preference.objects.filter(round=rnd).order_by("profile_id", "rank"):
            ranks.setdefault(str(pref.profile_id), []).append(str(pref.offer_id))
        snap["ranks"] = ranks
        if rnd.variant == Variant.SHORTLIST:
            allowed: dict[str, list[str]] = {}
            for item in ShortlistItem.objects.filter(round=rnd).order_by("profile_id", "position"):
                allowed.setdefault(str(item.profile_id), []).append(str(item.offer_id))
            snap["shortlists"] = allowed
    return snap


def engine_run(snapshot: dict[str, Any], seed: int, progress: Any = None) -> dict[str, Any]:
    """Run the engine on a snapshot; the same snapshot and seed always give the same output."""
    students = [student_from_dict(d) for d in snapshot["students"]]
    offers = [offer_from_dict(d) for d in snapshot["offers"]]
    settings_ = settings_from_dict(snapshot.get("settings"))
    if progress:
        progress(20)
    table = score_pairs(students, offers, settings_)
    if progress:
        progress(60)
    allowed = snapshot.get("shortlists")
    if allowed is not None:
        # Variant 2: only the offers on a student's shortlist count as eligible.
        lists = {sid: set(oids) for sid, oids in allowed.items()}
        keep = np.array(
            [
                table.offers[o].id in lists.get(table.students[s].id, set())
                for s, o in zip(table.student_idx, table.offer_idx, strict=True)
            ],
            dtype=bool,
        )
        table = table.subset(keep)
    alloc, table = allocate(
        students, offers, settings_, seed=seed, objective=snapshot.get("objective", "score"),
        ranks=snapshot.get("ranks"), table=table,
    )  # fmt: skip
    if progress:
        progress(90)
    out = alloc.as_dict()
    pair = {
        (table.students[int(table.student_idx[k])].id, table.offers[int(table.offer_idx[k])].id): k
        for k in range(len(table))
    }
    out["explanations"] = {s: table.explain(pair[(s, o)]).as_dict() for s, o in alloc.assignments}
    candidates: dict[str, list[list[Any]]] = {}
    for k in range(len(table)):
        sid = table.students[int(table.student_idx[k])].id
        candidates.setdefault(sid, []).append(
            [table.offers[int(table.offer_idx[k])].id, round(float(table.score[k]), 2)]
        )
    out["candidates"] = {
        s: sorted(c, key=lambda x: (-x[1], x[0]))[:CANDIDATES_KEPT] for s, c in candidates.items()
    }
    return out


def output_sha256(output: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(output, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()


# --- runs ---------------------------------------------------------------------------------------


@transaction.atomic
def run_prepare(*, round: Round, by: User) -> Run:
    """Freeze the input and draw the seed now, before anything runs, so neither can be chosen
    after seeing a result. The run starts with `run_start`."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status not in (RoundStatus.ALLOCATING, RoundStatus.REVIEW):
        raise ValidationError(_("Een run kan alleen in de fase 'Toewijzen' of 'Beoordeling'."))
    snapshot = snapshot_build(round)
    if not snapshot["students"]:
        raise ValidationError(_("Er zijn geen ingediende leerwensformulieren in deze ronde."))
    number = (round.runs.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    run = Run.objects.create(
        round=round, number=number, seed=secrets.randbelow(2**31), snapshot=snapshot,
        input_sha256=canonical_sha256(snapshot), engine_version=engine.ENGINE_VERSION, created_by=by,
    )  # fmt: skip
    audit(round, by, "run_prepared", run=number, seed=run.seed, input_sha256=run.input_sha256)
    return run


@transaction.atomic
def run_start(*, run: Run, by: User) -> None:
    from .tasks import execute_run_task

    updated = Run.objects.filter(pk=run.pk, status=RunStatus.READY).update(status=RunStatus.QUEUED)
    if not updated:
        raise ValidationError(_("Deze run is al gestart."))
    audit(run.round, by, "run_started", run=run.number)
    transaction.on_commit(partial(execute_run_task.delay, run.pk))


def run_execute(*, run_id: int) -> bool:
    """Task body: claim the queued run, execute it, store output and quality. Idempotent."""
    if not Run.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    ):
        return False
    run = Run.objects.get(pk=run_id)

    def progress(pct: int) -> None:
        Run.objects.filter(pk=run_id).update(progress=pct)

    try:
        output = engine_run(run.snapshot, run.seed, progress)
    except Exception as exc:  # recorded on the run; the task itself does not retry logic errors
        Run.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=str(exc)[:1000], finished_at=timezone.now()
        )
        raise
    Run.objects.filter(pk=run_id).update(
        status=RunStatus.DONE, output=output, output_sha256=output_sha256(output),
        quality=_run_quality(run.snapshot, output), progress=100, finished_at=timezone.now(),
    )  # fmt: skip
    return True


def _run_quality(snapshot: dict[str, Any], output: dict[str, Any]) -> dict[str, Any]:
    q = dict(output.get("quality", {}))
    q["students"] = len(snapshot["students"])
    q["seats"] = sum(o["capacity"] for o in snapshot["offers"])
    q["mean_score"] = (q.get("score") or {}).get("mean")
    q["mean_travel"] = (q.get("travel_minutes") or {}).get("mean")
    return q


def run_replay(*, run: Run, by: User) -> bool:
    """Re-run a stored run from its snapshot and seed; True when the output is identical."""
    if run.status != RunStatus.DONE:
        raise ValidationError(_("Alleen een afgeronde run kan opnieuw worden uitgevoerd."))
    same = output_sha256(engine_run(run.snapshot, run.seed)) == run.output_sha256
    audit(run.round, by, "run_replayed", run=run.number, identical=same)
    return same


def pseudonym(rnd: Round, profile_id: int, length: int = 4) -> str:
    digest = hmac.new(
        rnd.pseudonym_salt.encode(), str(profile_id).encode(), hashlib.sha256
    ).hexdigest()
    return "S-" + digest[:length].upper()


@transaction.atomic
def run_choose(*, run: Run, by: User) -> None:
    """Make this run the round's proposal: (re)create the matches from its output."""
    rnd = Round.objects.select_for_update().get(pk=run.round_id)
    if run.status != RunStatus.DONE:
        raise ValidationError(_("Deze run is nog niet klaar."))
    if rnd.status not in (RoundStatus.ALLOCATING, RoundStatus.REVIEW):
        raise ValidationError(
            _("Een voorstel kiezen kan alleen in de fase 'Toewijzen' of 'Beoordeling'.")
        )
    rnd.matches.all().delete()
    assigned = {a["student"]: a["offer"] for a in run.output["assignments"]}
    used: set[str] = set()
    matches = []
    for sdict in run.snapshot["students"]:
        sid = int(sdict["id"])
        # 4 hex digits read best; a longer prefix of the same digest only on a collision.
        name = next(p for p in (pseudonym(rnd, sid, n) for n in (4, 5, 6)) if p not in used)
        used.add(name)
        oid = assigned.get(sdict["id"])
        matches.append(Match(
            round=rnd, profile_id=sid, offer_id=int(oid) if oid else None, pseudonym=name,
            score=run.output["explanations"][sdict["id"]]["score"] if oid else None,
            explanation=run.output["explanations"].get(sdict["id"], {}),
            unplaced_reason=run.output["unplaced_reasons"].get(sdict["id"], {}),
        ))  # fmt: skip
    Match.objects.bulk_create(matches)
    RoundCapacity.objects.filter(round=rnd).delete()
    load = Counter(int(o) for o in assigned.values())
    RoundCapacity.objects.bulk_create(
        [RoundCapacity(round=rnd, offer_id=int(o["id"]), capacity=o["capacity"], used=load[int(o["id"])])
         for o in run.snapshot["offers"]]
    )  # fmt: skip
    rnd.chosen_run = run
    rnd.save(update_fields=["chosen_run"])
    audit(rnd, by, "run_chosen", run=run.number)
    if rnd.status == RoundStatus.ALLOCATING:
        round_transition(round=rnd, to=RoundStatus.REVIEW, by=by)


# --- variants 2 and 3 ---------------------------------------------------------------------------


@transaction.atomic
def shortlists_make(*, round: Round, by: User) -> int:
    """Variant 2: k options per student from the score optimum (see the engine README)."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.variant != Variant.SHORTLIST or round.status != RoundStatus.INTAKE:
        raise ValidationError(_("Shortlists maak je in een shortlist-ronde, tijdens de intake."))
    snap = snapshot_build(round)
    students = [student_from_dict(d) for d in snap["students"]]
    offers = [offer_from_dict(d) for d in snap["offers"]]
    seed = secrets.randbelow(2**31)
    alloc, table = allocate(students, offers, settings_from_dict(snap["settings"]), seed=seed)
    lists = shortlists(table, alloc, k=round.shortlist_size, seed=seed)
    ShortlistItem.objects.filter(round=round).delete()
    ShortlistItem.objects.bulk_create(
        [ShortlistItem(round=round, profile_id=int(s), offer_id=int(o), position=i)
         for s, lst in lists.items() for i, o in enumerate(lst, start=1)]
    )  # fmt: skip
    audit(round, by, "shortlists_made", seed=seed, students=len(lists))
    round_transition(round=round, to=RoundStatus.PREFERENCES, by=by)
    return len(lists)


def preferences_open(rnd: Round, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        rnd.status == RoundStatus.PREFERENCES
        and (rnd.preferences_open_at is None or rnd.preferences_open_at <= now)
        and (rnd.preferences_close_at is None or now <= rnd.preferences_close_at)
    )


@transaction.atomic
def preferences_save(*, round: Round, profile: LearningProfile, offer_ids: list[int]) -> None:
    round = Round.objects.get(pk=round.pk)
    if not preferences_open(round):
        raise ValidationError(_("Je kunt nu geen voorkeuren doorgeven: de periode is gesloten."))
    limit = round.shortlist_size if round.variant == Variant.SHORTLIST else 3
    if len(offer_ids) != len(set(offer_ids)):
        raise ValidationError(_("Kies elk bedrijf maar één keer."))
    if len(offer_ids) > limit:
        raise ValidationError(_("Kies er hoogstens %(n)s.") % {"n": limit})
    allowed = set(preference_options(round, profile).values_list("pk", flat=True))
    if not set(offer_ids) <= allowed:
        raise ValidationError(_("Je kunt alleen kiezen uit de getoonde bedrijven."))
    Preference.objects.filter(round=round, profile=profile).delete()
    Preference.objects.bulk_create(
        [
            Preference(round=round, profile=profile, offer_id=o, rank=r)
            for r, o in enumerate(offer_ids, start=1)
        ]
    )


def preference_options(rnd: Round, profile: LearningProfile) -> Any:
    if rnd.variant == Variant.SHORTLIST:
        ids = ShortlistItem.objects.filter(round=rnd, profile=profile).values_list(
            "offer_id", flat=True
        )
        return Offer.objects.filter(pk__in=ids)
    return offers_for_matching(rnd.institution_id).filter(programme=profile.student.programme_id)


# --- review: four eyes --------------------------------------------------------------------------


def _editable(match: Match) -> None:
    match.round.refresh_from_db(fields=["status"])
    if match.round.status != RoundStatus.REVIEW:
        raise ValidationError(
            _("Beoordelen kan alleen zolang de ronde in de fase 'Beoordeling' is.")
        )


@transaction.atomic
def match_approve(*, match: Match, by: User) -> Match:
    """Approve once per person; whoever changed the match cannot be its second approver."""
    match = Match.objects.select_for_update().select_related("round").get(pk=match.pk)
    _editable(match)
    if match.offer_id is None:
        raise ValidationError(_("Een student zonder plek heeft geen match om goed te keuren."))
    others = match.approvals.exclude(by=by).count()
    if match.approvals.filter(by=by).exists():
        raise ValidationError(
            _("Je hebt deze match al goedgekeurd; een tweede persoon moet dat ook doen.")
        )
    if match.changed_by_id == by.pk and others >= 1:
        raise ValidationError(
            _("Je hebt deze match zelf gewijzigd; een ander moet hem als tweede goedkeuren.")
        )
    Approval.objects.create(match=match, by=by)
    if others + 1 >= APPROVALS_NEEDED:
        match.status = MatchStatus.APPROVED
        match.save(update_fields=["status"])
    audit(match.round, by, "approved", match=match)
    return match


def approvable(qs: Any, by: User) -> Any:
    """Matches in `qs` that `by` may approve now."""
    return (
        qs.filter(offer__isnull=False)
        .exclude(status=MatchStatus.APPROVED)
        .exclude(approvals__by=by)
        .exclude(Q(changed_by=by) & Q(approvals__isnull=False))
        .distinct()
    )


def match_bulk_approve(*, qs: Any, by: User) -> int:
    n = 0
    for match in approvable(qs, by):
        try:
            match_approve(match=match, by=by)
            n += 1
        except ValidationError:
            continue
    return n


@transaction.atomic
def match_object(*, match: Match, by: User, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Schrijf waarom je bezwaar maakt."))
    match = Match.objects.select_for_update().select_related("round").get(pk=match.pk)
    _editable(match)
    match.status = MatchStatus.OBJECTED
    match.objection = reason.strip()
    match.save(update_fields=["status", "objection"])
    match.approvals.all().delete()
    audit(match.round, by, "objected", match=match, reason=reason.strip())


def alternatives(match: Match) -> list[dict[str, Any]]:
    """The student's other eligible offers with score and explanation, best first."""
    run = match.round.chosen_run
    if run is None:
        return []
    sid = str(match.profile_id)
    student = next(student_from_dict(d) for d in run.snapshot["students"] if d["id"] == sid)
    offers = [offer_from_dict(d) for d in run.snapshot["offers"]]
    table = score_pairs([student], offers, settings_from_dict(run.snapshot.get("settings")))
    free = {
        c.offer_id: c.capacity - c.used for c in RoundCapacity.objects.filter(round=match.round)
    }
    rows = []
    for pair in table.explained():
        if str(match.offer_id) == pair.offer:
            continue
        rows.append(
            {"offer_id": int(pair.offer), "pair": pair, "free": free.get(int(pair.offer), 0)}
        )
    rows.sort(key=lambda r: (-r["pair"].score, r["offer_id"]))
    return rows


@transaction.atomic
def match_move(*, match: Match, offer_id: int, by: User, justification: str) -> Match:
    """Move a student to another eligible offer. The offer row is locked, so two reviewers can
    never fill the same last place at the same time."""
    if not justification.strip():
        raise ValidationError(_("Schrijf waarom je deze student verplaatst."))
    match = Match.objects.select_for_update().select_related("round").get(pk=match.pk)
    _editable(match)
    option = next((a for a in alternatives(match) if a["offer_id"] == offer_id), None)
    if option is None:
        raise ValidationError(
            _("Dit aanbod past niet bij deze student (niet geschikt volgens de harde regels).")
        )
    # Claim the place in the database: the UPDATE only succeeds while used < capacity.
    claimed = RoundCapacity.objects.filter(
        round=match.round, offer_id=offer_id, used__lt=F("capacity")
    ).update(used=F("used") + 1)
    if not claimed:
        raise ValidationError(_("Dit aanbod is vol. Kies een ander aanbod."))
    previous = match.offer_id
    if previous:
        RoundCapacity.objects.filter(round=match.round, offer_id=previous).update(
            used=F("used") - 1
        )
    pair = option["pair"]
    match.offer_id = offer_id
    match.score = pair.score
    match.explanation = pair.as_dict()
    match.unplaced_reason = {}
    match.status = MatchStatus.PROPOSED
    match.changed_by = by
    match.change_justification = justification.strip()
    match.objection = ""
    match.save()
    match.approvals.all().delete()
    audit(
        match.round,
        by,
        "moved",
        match=match,
        from_offer=previous,
        to_offer=offer_id,
        justification=justification.strip(),
    )
    return match


@transaction.atomic
def identity_reveal(*, match: Match, by: User, reason: str) -> str:
    """The coordinator may see who a pseudonym is, only with a logged reason."""
    if not reason.strip():
        raise ValidationError(_("Geef een reden; het inzien wordt vastgelegd."))
    audit(match.round, by, "identity_revealed", match=match, reason=reason.strip())
    return match.profile.student.user.full_name


# --- release ------------------------------------------------------------------------------------


def release_blockers(rnd: Round) -> list[str]:
    open_ = rnd.matches.filter(offer__isnull=False).exclude(status=MatchStatus.APPROVED).count()
    blockers = []
    if rnd.status != RoundStatus.APPROVED and open_:
        blockers.append(_("%(n)s matches hebben nog geen twee goedkeuringen.") % {"n": open_})
    if not rnd.matches.exists():
        blockers.append(_("Er is nog geen voorstel gekozen."))
    return blockers


@transaction.atomic
def round_approve(*, round: Round, by: User) -> Round:
    round = Round.objects.select_for_update().get(pk=round.pk)
    blockers = release_blockers(round)
    if blockers:
        raise ValidationError(blockers)
    return round_transition(round=round, to=RoundStatus.APPROVED, by=by)


@transaction.atomic
def round_release(*, round: Round, at: dt.datetime, by: User) -> Round:
    """Fix the one moment from which all students and companies see their result."""
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    if rnd.status != RoundStatus.APPROVED:
        raise ValidationError(_("Eerst moeten alle matches twee keer zijn goedgekeurd."))
    rnd.release_at = max(at, timezone.now())  # a moment in the past means: now
    rnd.save(update_fields=["release_at"])
    audit(rnd, by, "release_set", at=rnd.release_at.isoformat())
    return round_transition(round=rnd, to=RoundStatus.RELEASED, by=by)


def released_match_for(profile: LearningProfile, now: dt.datetime | None = None) -> Match | None:
    """The student's match, but only from the release moment on: the one gate for every route."""
    now = now or timezone.now()
    return (
        Match.objects.filter(
            profile=profile,
            round__status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED],
            round__release_at__lte=now,
        )
        .select_related("round", "offer__company__place", "offer__programme", "offer__location")
        .order_by("-round__release_at")
        .first()
    )


def released_matches_for_company(company_id: int, now: dt.datetime | None = None) -> Any:
    now = now or timezone.now()
    return Match.objects.filter(
        offer__company_id=company_id,
        round__status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED],
        round__release_at__lte=now,
    ).select_related("round", "offer__programme", "profile__student__user")


# --- notifications: once per recipient, never twice, never skipped ---------------------------------


def notifications_create(rnd: Round) -> int:
    """Create the release notifications of a released round (idempotent: unique per recipient)."""
    rows = []
    for m in rnd.matches.select_related("profile__student"):
        rows.append(Notification(round=rnd, recipient_id=m.profile.student.user_id, kind="student"))
        if m.profile.student.counsellor_id:
            rows.append(
                Notification(
                    round=rnd, recipient_id=m.profile.student.counsellor_id, kind="counsellor"
                )
            )
    company_ids = rnd.matches.filter(offer__isnull=False).values_list(
        "offer__company_id", flat=True
    )
    for user_id in CompanyContact.objects.filter(company_id__in=company_ids).values_list(
        "user_id", flat=True
    ):
        rows.append(Notification(round=rnd, recipient_id=user_id, kind="company"))
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def notifications_dispatch(now: dt.datetime | None = None) -> int:
    """Periodic (beat): for every round whose release moment has passed, create and send.

    Each notification is claimed with a conditional UPDATE before it is sent, so a second
    worker or a retried task finds nothing to claim; a claim older than STALE_CLAIM (a worker
    that died mid-send) is put back, so a crash never skips anyone.
    """
    now = now or timezone.now()
    Notification.objects.filter(
        status=NotificationStatus.SENDING, claimed_at__lt=now - STALE_CLAIM
    ).update(status=NotificationStatus.PENDING)
    sent = 0
    for rnd in Round.objects.filter(
        status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED], release_at__lte=now
    ):
        if not rnd.notifications.exists():
            notifications_create(rnd)
        for _chunk in range(NOTIFICATION_CHUNKS_PER_TICK):
            pending = list(
                rnd.notifications.filter(status=NotificationStatus.PENDING).values_list(
                    "pk", flat=True
                )[:NOTIFICATION_CHUNK]
            )
            if not pending:
                break
            for pk in pending:
                sent += notification_send(notification_id=pk, now=now)
    return sent


def notification_send(*, notification_id: int, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, status=NotificationStatus.PENDING
    ).update(status=NotificationStatus.SENDING, claimed_at=now)
    if not claimed:
        return 0
    n = Notification.objects.select_related("round", "recipient").get(pk=notification_id)
    try:
        send_mail(
            subject=_("Je stagematch is bekend")
            if n.kind == "student"
            else _("De stagematches zijn bekend"),
            message=render_to_string(
                f"matching/email_{n.kind}.txt", {"n": n, "site_url": settings.SITE_URL}
            ),
            from_email=None,
            recipient_list=[n.recipient.email],
        )
    except Exception as exc:  # SMTP trouble: record it; the coordinator can retry
        Notification.objects.filter(pk=n.pk).update(
            status=NotificationStatus.FAILED, attempts=n.attempts + 1, error=str(exc)[:250]
        )
        return 0
    Notification.objects.filter(pk=n.pk).update(
        status=NotificationStatus.SENT, sent_at=timezone.now(), attempts=n.attempts + 1
    )
    return 1


def notifications_mark_read(*, user: User, kind: str) -> None:
    Notification.objects.filter(
        recipient=user, kind=kind, read_at__isnull=True, round__release_at__lte=timezone.now()
    ).update(read_at=timezone.now())


def notifications_retry_failed(*, round: Round, by: User) -> int:
    n = round.notifications.filter(status=NotificationStatus.FAILED).update(
        status=NotificationStatus.PENDING
    )
    audit(round, by, "notifications_retried", count=n)
    return n


# --- after release --------------------------------------------------------------------------------


@transaction.atomic
def objection_file(*, match: Match, reason: str, now: dt.datetime | None = None) -> Objection:
    now = now or timezone.now()
    rnd = match.round
    if not rnd.is_released(now):
        raise ValidationError(_("Er is nog geen uitslag."))
    if now > rnd.release_at + dt.timedelta(days=rnd.objection_days):  # type: ignore[operator]
        raise ValidationError(
            _("De termijn voor bezwaar is voorbij. Neem contact op met je bpv-coördinator.")
        )
    if not reason.strip():
        raise ValidationError(_("Schrijf waarom je bezwaar maakt."))
    if Objection.objects.filter(match_id=match.pk).exists():
        raise ValidationError(_("Je hebt al bezwaar gemaakt."))
    try:
        with transaction.atomic():
            objection = Objection.objects.create(match_id=match.pk, reason=reason.strip())
    except IntegrityError:  # a double click racing the check above
        raise ValidationError(_("Je hebt al bezwaar gemaakt.")) from None
    audit(rnd, None, "student_objection", match=match)
    return objection


@transaction.atomic
def objection_answer(*, objection: Objection, answer: str, by: User) -> None:
    if not answer.strip():
        raise ValidationError(_("Schrijf een antwoord."))
    objection.answer = answer.strip()
    objection.answered_by = by
    objection.answered_at = timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    audit(objection.match.round, by, "objection_answered", match=objection.match)


@transaction.atomic
def follow_up_create(*, round: Round, by: User) -> Round:
    """A new round for the students this round left unplaced, with the places left and recruited since."""
    round.refresh_from_db()
    if round.status not in (RoundStatus.RELEASED, RoundStatus.CLOSED):
        raise ValidationError(_("Een vervolgronde start je na de bekendmaking."))
    return round_create(
        institution=round.institution, name=_("Vervolgronde: %(name)s") % {"name": round.name},
        programmes=list(round.programmes.all()), cohort=round.cohort, variant=Variant.DIRECT, by=by,
        weights=round.weights, follow_up_of=round,
    )  # fmt: skip


def students_without_preferences(rnd: Round) -> Any:
    """Submitted students of a variant 2-3 round who ranked nothing (yet)."""
    ranked = Preference.objects.filter(round=rnd).values("profile_id")
    return LearningProfile.objects.filter(
        student__programme__in=rnd.programmes.all(),
        student__cohort=rnd.cohort,
        status=ProfileStatus.SUBMITTED,
    ).exclude(pk__in=ranked)


def counsellors_remind(*, round: Round, by: User) -> int:
    """E-mail each counsellor how many of their students have not ranked; they are still
    allocated (ranked by score), but a counsellor can help them choose."""
    per_counsellor: Counter[int] = Counter(
        students_without_preferences(round)
        .exclude(student__counsellor__isnull=True)
        .values_list("student__counsellor_id", flat=True)
    )
    for counsellor in User.objects.filter(pk__in=per_counsellor):
        send_mail(
            subject=_("Studenten die nog geen voorkeur gaven"),
            message=render_to_string("matching/email_preferences_reminder.txt",
                                     {"user": counsellor, "n": per_counsellor[counsellor.pk], "round": round}),
            from_email=None,
            recipient_list=[counsellor.email],
        )  # fmt: skip
    audit(round, by, "counsellors_reminded", counsellors=len(per_counsellor))
    return len(per_counsellor)
