"""`make bench-web`: a whole round and every page of every role, on a school of N students.

Builds (or completes) ROC De Regio with `demo.large`, then runs one round through the real
services and task bodies (in-process, timed as the worker would run them) and times every
page each role can open through Django's test client: server time (median of 5) and query
count, beside the health endpoint as the bare view. Prints one table and writes it to a file.
Figures, never assertions: a benchmark on a shared machine reports, it does not judge.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import OutboxMessage, OutboxStatus, User
from accounts.outbox import dispatch
from companies.models import Offer
from demo import large
from demo import school as school_demo
from demo.mail_burst import send_release_mail
from matching.choices import RoundStatus
from matching.models import Match, Round, Run
from matching.selectors.review import review_matches
from matching.services import proposal, review, rounds, rounds_moves, rounds_release, runs
from placements.models import Placement

REPEAT = 5
BENCH_ROUND = "Benchmark-ronde"
# How far ahead the benchmark's release moment is set: the release itself must be done by then.
RELEASE_LEAD = dt.timedelta(seconds=30)


@dataclass
class Report:
    n_students: int
    database: str
    build_seconds: float = 0.0
    steps: list[tuple[str, float, str]] = field(default_factory=list)
    pages: list[tuple[str, str, str, float, int]] = field(default_factory=list)

    def step(self, name: str, fn: Callable[[], Any], note: Callable[[Any], str] = str) -> Any:
        start = time.perf_counter()
        result = fn()
        self.steps.append((name, time.perf_counter() - start, note(result)))
        return result

    def _worst(self) -> list[str]:
        worst: dict[str, tuple[float, int]] = {}
        for page, _phase, _role, ms, queries in self.pages:
            before = worst.get(page, (0.0, 0))
            worst[page] = (max(before[0], ms), max(before[1], queries))
        return [f"| {p} | {ms:.1f} | {q} |" for p, (ms, q) in worst.items()]

    def markdown(self) -> str:
        lines = [
            f"Students: {self.n_students:,} · database: {self.database} · "
            f"school built/completed in {self.build_seconds:.1f} s · "
            f"{timezone.now():%Y-%m-%d %H:%M} UTC",
            "",
            "| round step (background, in-process) | seconds | result |",
            "|---|---:|---|",
            *(f"| {n} | {s:.2f} | {r} |" for n, s, r in self.steps),
            f"| **total** | **{sum(s for _, s, _ in self.steps):.2f}** | |",
            "",
            "| page (slowest role and phase) | median ms | queries |",
            "|---|---:|---:|",
            *self._worst(),
            "",
            f"| page | phase | role | median ms (of {REPEAT}) | queries |",
            "|---|---|---|---:|---:|",
            *(f"| {p} | {ph} | {r} | {ms:.1f} | {q} |" for p, ph, r, ms, q in self.pages),
        ]
        return "\n".join(lines) + "\n"


def _analyze() -> None:
    """Fresh planner statistics and dead rows cleared after a bulk change, as PostgreSQL's
    autovacuum does within a minute in production (it is off on the CI machines' PostgreSQL).
    Without statistics a page right after thousands of new placements was planned as if the
    table were empty (9-32 s instead of 60 ms); without the vacuum every count over matches
    and placements read each row's two earlier versions that the review and release left."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # (VACUUM cannot run in a transaction: a test's benchmark analyses only)
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def _clear_previous(school: Any) -> None:
    """Take away an earlier benchmark round of this school (and the placements it made), so
    the students take part again."""
    for rnd in Round.objects.filter(institution=school.institution, name=BENCH_ROUND):
        held = list(
            rnd.matches.filter(placement__isnull=False).values_list("placement_id", flat=True)
        )
        OutboxMessage.objects.filter(topic=f"round:{rnd.pk}").delete()
        Round.objects.filter(pk=rnd.pk).update(chosen_run=None)
        rnd.delete()
        Placement.objects.filter(pk__in=held).delete()


def run_round(
    report: Report,
    school: Any,
    on_review: Callable[[Round, Run], None],
    name: str = BENCH_ROUND,
    mail_senders: int = 0,
) -> Round:
    """A direct round for the school's whole cohort from its creation to the release, through
    the real services, each step timed in `report`. Released now, with the mail sent here;
    or, with `mail_senders`, released at a moment just ahead (the mail queued before it, as
    a coordinator does it) and the mail burst timed against a local SMTP server."""
    coordinator = school.staff["coordinator"]
    # A reviewer never approves their own mentees' matches: the coordinator gives those
    # matches their second approval.
    reviewers = [school.staff["slb1"], school.staff["slb2"], coordinator]
    rnd = rounds.round_create(
        institution=school.institution,
        name=name,
        programmes=list(school.programmes.values()),
        cohort=2026,
        variant="direct",
        by=coordinator,
        # The round runs now, from creation to release: its intake is not the planning's.
        intake_closes_at=None,
    )
    rounds_moves.round_open_intake(round=rnd, by=coordinator)
    report.step("close intake", lambda: rounds_moves.round_close_intake(round=rnd, by=coordinator))
    run = report.step(
        "prepare run (input frozen)",
        lambda: runs.run_prepare(round=rnd, by=coordinator),
        lambda r: f"{len(r.snapshot['students']):,} students, {len(r.snapshot['offers']):,} offers",
    )
    Run.objects.filter(pk=run.pk).update(status="queued")
    report.step("run (engine)", lambda: runs.run_execute(run_id=run.pk), lambda _r: "")
    run.refresh_from_db()
    report.steps[-1] = (*report.steps[-1][:2], f"{run.quality.get('placed', 0):,} placed")
    report.step("choose run", lambda: proposal.run_choose(run=run, by=coordinator), lambda _: "")
    rnd.refresh_from_db()
    _analyze()
    on_review(rnd, run)
    for i, reviewer in enumerate(reviewers, start=1):
        report.step(
            f"bulk approve, reviewer {i}",
            partial(_bulk_approve, rnd, reviewer),
            lambda n: f"{n:,} matches",
        )
    report.step(
        "approve round (seats)", lambda: rounds_release.round_approve(round=rnd, by=coordinator)
    )
    moment = timezone.now() + (RELEASE_LEAD if mail_senders else dt.timedelta(0))
    report.step(
        "release (placements visible at the moment, mail queued)",
        lambda: rounds_release.round_release(round=rnd, at=moment, by=coordinator, confirmed=True),
        lambda _r: f"moment {RELEASE_LEAD.seconds} s ahead" if mail_senders else "now",
    )
    _analyze()
    if mail_senders:
        burst = send_release_mail(moment.timestamp(), mail_senders)
        report.steps.append(
            (
                "mail: last release message accepted by the SMTP server, after the moment",
                burst.seconds_after_moment,
                f"{burst.messages:,} mails, {burst.senders} sending processes, "
                f"{burst.left_pending} left",
            )
        )
    else:
        report.step("mail: every release message sent", _send_all, lambda n: f"{n:,} mails")
    rnd.refresh_from_db()
    return rnd


def _bulk_approve(rnd: Round, reviewer: User) -> int:
    """Set-based for the unflagged matches; each flagged one from its own page, as a
    reviewer approves it."""
    n = review.match_bulk_approve(qs=review_matches(rnd, {}, reviewer), by=reviewer)
    flagged = (
        review_matches(rnd, {}, reviewer)
        .filter(offer__isnull=False)
        .exclude(approvals__by=reviewer)
    )
    for match in flagged:
        review.match_approve(match=match, by=reviewer, opened=True)
        n += 1
    return n


def _send_all() -> int:
    sent = 0
    while True:
        n = dispatch()
        sent += n
        if not n:
            break
    waiting = OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count()
    return sent if not waiting else -waiting


def _candidates(name: str, objects: dict[str, Any]) -> list[dict[str, Any]]:
    """URL arguments for a page (nothing for pages that need a token or an upload)."""
    if name.startswith("followup:"):
        # The placement's pages, and the lists (/stages/, caseload) without arguments.
        return [{"pk": objects["placement"].pk}, {}] if objects.get("placement") else [{}]
    if name.startswith("matching:run-"):
        return [{"pk": objects["run"].pk}]
    if name.startswith("matching:match-") or name == "matching:intro-request":
        m = objects["match"]
        return [{"pk": getattr(m, "public_id", m.pk)}, {"pk": m.pk}]
    if name == "matching:transparency" or name == "companies:register":
        return [{"institution": objects["round"].institution.slug}]
    if name == "programmes:detail":
        return [{"pk": objects["programme"].pk}]
    if name.startswith("companies:offer-"):
        return [{"pk": objects["offer"].pk}]
    if name.startswith("companies:staff-"):
        return [{"pk": objects["offer"].company_id}]
    if name.startswith("students:staff-"):
        return [{"pk": objects["student"].pk}]
    return [{"pk": objects["round"].pk}, {}]


def _pages(resolver: URLResolver | None = None, prefix: str = "") -> list[tuple[str, Any]]:
    """Every named page outside the Django admin, as (namespaced name, view)."""
    found = []
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.app_name != "admin":
                found += _pages(p, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern) and p.name:
            found.append((f"{prefix}{p.name}", p.callback))
    return found


def time_pages(
    report: Report,
    phase: str,
    users: dict[str, User],
    objects: dict[str, Any],
    only: str = "",
) -> None:
    """Time every page (or those whose name matches the regular expression `only`)."""
    clients = {}
    for label, user in users.items():
        clients[label] = Client()
        clients[label].force_login(user)
    report.pages.append(("bare view (/gezond/)", phase, "anyone", *_bare(Client())))
    for name, view in _pages():
        if getattr(view, "post_only", False) or name.startswith(("accounts:", "spreadsheets:")):
            continue
        if only and not re.search(only, name):
            continue
        url = None
        for kwargs in _candidates(name, objects):
            try:
                url = reverse(name, kwargs=kwargs)
                break
            except NoReverseMatch:
                continue
        if url is None:
            continue
        for label, client in clients.items():
            if client.get(url).status_code != 200:
                continue
            first, whole, queries = _timed(client, url)
            report.pages.append((name, phase, label, first, queries))
            if whole is not None:
                report.pages.append((f"{name} (whole stream)", phase, label, whole, queries))


def _bare(client: Client) -> tuple[float, int]:
    first, _whole, queries = _timed(client, "/gezond/")
    return first, queries


def _timed(client: Client, url: str) -> tuple[float, float | None, int]:
    """Median server time and the queries of the last request. A streamed response (a CSV
    export) is timed to its first line (what the user waits for before the download starts)
    and, second, to its last line (how long it keeps a worker busy)."""
    firsts, wholes, queries = [], [], 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                content = iter(getattr(response, "streaming_content"))  # noqa: B009
                next(content, b"")
                next(content, b"")  # the BOM, then the header line
                next(content, b"")  # the first row: its query has run
                firsts.append((time.perf_counter() - start) * 1000)
                b"".join(content)
            wholes.append((time.perf_counter() - start) * 1000)
        queries = len(captured.captured_queries)
    if not firsts:
        return statistics.median(wholes), None, queries
    return statistics.median(firsts), statistics.median(wholes), queries


def _page_users_and_objects(school: Any, rnd: Round, run: Run) -> tuple[dict[str, User], Any]:
    match = (
        Match.objects.filter(round=rnd, offer__isnull=False)
        .select_related("profile__student__user", "placement")
        .order_by("pk")
        .first()
    )
    assert match is not None and match.offer_id is not None
    offer = Offer.objects.select_related("programme").get(pk=match.offer_id)
    contact = User.objects.filter(company_contact__company=offer.company_id).first()
    users = {
        "coordinator": school.staff["coordinator"],
        "reviewer": school.staff["slb1"],
        "care": school.staff["zorg"],
        "admin": school.staff["beheer"],
        "student": match.profile.student.user,
        "company": contact or school.staff["beheer"],
    }
    objects = {
        "round": rnd,
        "run": run,
        "programme": offer.programme,
        "student": match.profile.student,
        "offer": offer,
        "match": match,
        "placement": match.placement,
    }
    return users, objects


def bench(n_students: int, mail_senders: int = 2, only: str = "") -> Report:
    report = Report(n_students, connection.vendor)
    start = time.perf_counter()
    school = large.large_load(n_students)
    report.build_seconds = time.perf_counter() - start
    _clear_previous(school)
    _analyze()

    def review_pages(rnd: Round, run: Run) -> None:
        time_pages(report, "review", *_page_users_and_objects(school, rnd, run), only)

    rnd = run_round(report, school, review_pages, mail_senders=mail_senders)
    assert rnd.chosen_run is not None
    time_pages(report, "released", *_page_users_and_objects(school, rnd, rnd.chosen_run), only)
    return report


def bench_pages(n_students: int, only: str = "") -> Report:
    """Only the pages, on the benchmark round an earlier full run left (released): seconds
    instead of the whole round, to compare before and after a change to a page. The review
    phase is imitated by putting the round back in review inside a transaction that is
    rolled back (its matches keep their approvals and placements)."""
    report = Report(n_students, connection.vendor)
    start = time.perf_counter()
    school = school_demo.demo_load(large.large_spec(n_students))
    report.build_seconds = time.perf_counter() - start
    rnd = (
        Round.objects.filter(
            institution=school.institution, name=BENCH_ROUND, chosen_run__isnull=False
        )
        .select_related("chosen_run")
        .latest("pk")
    )
    assert rnd.chosen_run is not None
    with transaction.atomic():
        Round.objects.filter(pk=rnd.pk).update(status=RoundStatus.REVIEW)
        rnd.refresh_from_db()
        time_pages(report, "review", *_page_users_and_objects(school, rnd, rnd.chosen_run), only)
        transaction.set_rollback(True)
    rnd.refresh_from_db()
    time_pages(report, str(rnd.status), *_page_users_and_objects(school, rnd, rnd.chosen_run), only)
    return report
