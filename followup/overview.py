"""The staff's list of placements and the caseload of the bpv-docenten, computed in the
database: filters, counts and shortfalls are SQL, so a school with 10,000 placements costs
the same number of queries as one with ten, and a page reads only its own 50 rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields import DateField
from django.db.models.functions import Coalesce

from accounts.models import User, school_staff
from placements.models import Placement, PlacementStatus

from .models import AgreementStatus, ContactKind, ContactMoment, Ending, Signal, SignalStatus
from .selectors import CONTACTS_NEEDED, NEAR_END, ON_SITE_NEEDED, SIGNAL_READERS, placements_of

PAGE_SIZE = 50
OPEN_SIGNALS = (SignalStatus.OPEN, SignalStatus.IN_PROGRESS)


class DaysBetween(Func):
    """Whole days from `start` to `end` (both dates): `end - start`."""

    output_field = IntegerField()

    def __init__(self, start: Expression | F, end: Expression | F) -> None:
        super().__init__(start, end)

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        """PostgreSQL: date minus date is a whole number of days."""
        start, end = self.source_expressions
        s_sql, s_params = compiler.compile(start)
        e_sql, e_params = compiler.compile(end)
        return f"(({e_sql})::date - ({s_sql})::date)", (*e_params, *s_params)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        start, end = self.source_expressions
        s_sql, s_params = compiler.compile(start)
        e_sql, e_params = compiler.compile(end)
        return (
            f"CAST(julianday({e_sql}) - julianday({s_sql}) AS INTEGER)",
            (*e_params, *s_params),
        )


def _held(**filters: Any) -> Coalesce:
    moments = (
        ContactMoment.objects.filter(placement=OuterRef("pk"), held=True, **filters)
        .order_by()
        .values("placement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(moments, output_field=IntegerField()), 0)


def with_contacts(qs: QuerySet[Placement], on: dt.date) -> QuerySet[Placement]:
    """`held` and `on_site` contact moments per placement, and `elapsed` (also times three)
    and `span` in days (for the "a third of the period" rule), as annotations."""
    return qs.annotate(
        held=_held(),
        on_site=_held(kind=ContactKind.ON_SITE),
        elapsed=DaysBetween(F("start_date"), Value(on, output_field=DateField())),
        span=DaysBetween(F("start_date"), F("end_date")),
    ).annotate(elapsed3=F("elapsed") * 3)


def behind_q(on: dt.date) -> Q:
    """`selectors.behind` as SQL, on `with_contacts` rows: running and not over, and either
    within two weeks of the end without enough moments, or past a third of the period
    (start + ⌊span/3⌋ days, so 3·elapsed ≥ span − 2) without a held one."""
    short = Q(held__lt=CONTACTS_NEEDED) | Q(on_site__lt=ON_SITE_NEEDED)
    near_end = Q(end_date__lte=on + NEAR_END) & short
    third = Q(held=0) & Q(elapsed3__gte=F("span") - 2)
    return Q(status=PlacementStatus.ACTIVE, end_date__gte=on) & (near_end | third)


def _open_signals() -> Exists:
    return Exists(Signal.objects.filter(placement=OuterRef("pk"), status__in=OPEN_SIGNALS))


# The list's status filters (`?toon=`; see `status_q`). Their labels are in the template.
FILTERS = frozenset(
    {"tekort", "pok", "geen-docent", "herplaatsen", "beeindigd", "mijn", "meldingen"}
)


LIST_COLUMNS = (
    "status",
    "start_date",
    "end_date",
    "student__student_number",
    "student__user__full_name",
    "student__programme__name",
    "company__legal_name",
)


@dataclass(frozen=True)
class Selection:
    """What the list shows: a status filter, a programme, a search text, a bpv-docent."""

    show: str = ""
    programme: int | None = None
    query: str = ""
    teacher: int | None = None

    def params(self) -> dict[str, str]:
        found = {
            "toon": self.show,
            "opleiding": str(self.programme or ""),
            "q": self.query,
            "docent": str(self.teacher or ""),
        }
        return {k: v for k, v in found.items() if v}


def scoped(user: User, selection: Selection, on: dt.date) -> QuerySet[Placement]:
    """The user's placements narrowed by programme, search and bpv-docent (not by status),
    annotated with what the rows and the status filters need."""
    qs = with_contacts(placements_of(user), on).annotate(
        agreement_status=F("agreement__status"),
        teacher_id=F("supervision__teacher_id"),
        teacher_name=F("supervision__teacher__full_name"),
        to_replace=Exists(Ending.objects.filter(placement=OuterRef("pk"))),
        open_signals=_open_signals(),
    )
    qs = qs.annotate(behind=ExpressionWrapper(behind_q(on), output_field=BooleanField()))
    if selection.programme:
        qs = qs.filter(student__programme_id=selection.programme)
    if selection.teacher:
        qs = qs.filter(supervision__teacher_id=selection.teacher)
    text = selection.query.strip()
    if text:
        qs = qs.filter(
            Q(student__student_number__iexact=text)
            | Q(company__legal_name__icontains=text)
            | Q(student__user__full_name__icontains=text)
        )
    return qs


def status_q(show: str, user: User, on: dt.date) -> Q:
    active = Q(status=PlacementStatus.ACTIVE)
    incomplete = Q(agreement__isnull=True) | ~Q(agreement__status=AgreementStatus.COMPLETE)
    return {
        "": active,
        "tekort": behind_q(on),
        "pok": active & incomplete,
        "geen-docent": active & Q(supervision__isnull=True),
        "herplaatsen": active & Q(ending__isnull=False),
        "beeindigd": ~active,
        "mijn": Q(supervision__teacher_id=user.pk),
        "meldingen": Q(open_signals=True) if user.role in SIGNAL_READERS else Q(pk__in=[]),
    }.get(show, active)


def listed(user: User, selection: Selection, on: dt.date) -> QuerySet[Placement]:
    """The rows of the list for `selection`, in order (start date, then id)."""
    qs = scoped(user, selection, on).filter(status_q(selection.show, user, on))
    # Only the columns a row shows: the placement's JSON and the offer's texts stay out of
    # the sort (at 10,000 placements they made the page's one query 56 ms of its 148).
    return (
        qs.select_related(None)
        .select_related("student__user", "student__programme", "company")
        .only(*LIST_COLUMNS)
        .order_by("start_date", "pk")
    )


def counts(user: User, selection: Selection, on: dt.date) -> dict[str, int]:
    """How many placements each status filter holds (within programme, search, docent):
    one query."""
    qs = scoped(user, selection, on)
    keys = ["tekort", "pok", "geen-docent", "herplaatsen", "beeindigd"]
    if user.role in SIGNAL_READERS:
        keys.append("meldingen")
    found = qs.aggregate(
        alle=Count("pk", filter=status_q("", user, on)),
        **{key: Count("pk", filter=status_q(key, user, on)) for key in keys},
    )
    return {k.replace("-", "_"): v for k, v in found.items()}


@dataclass(frozen=True)
class Caseload:
    teacher: User | None
    placements: int
    short: int


def caseload(user: User, on: dt.date) -> list[Caseload]:
    """Per staff member of the school: the running placements they guide and how many of
    those fall short of contact moments; first the running placements without a bpv-docent.
    Two queries, whatever the size of the school."""
    running = with_contacts(placements_of(user), on)
    running = running.filter(status=PlacementStatus.ACTIVE).order_by()
    per: dict[int | None, tuple[int, int]] = {
        row["supervision__teacher_id"]: (row["n"], row["short"])
        for row in running.values("supervision__teacher_id").annotate(
            n=Count("pk"), short=Count("pk", filter=behind_q(on))
        )
    }
    staff = school_staff(user.institution_id).order_by("full_name", "pk")
    rows = [Caseload(None, *per.get(None, (0, 0)))]
    rows += [Caseload(teacher, *per.get(teacher.pk, (0, 0))) for teacher in staff]
    return rows
