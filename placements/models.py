"""The placement ledger: where each student is placed and when, and which seat they use.

A `Placement` is the one record of a student's placement, whatever made it: a released
match, an approved own placement, or a re-placement. A placement occupies the days from
`start_date` up to its end: `end_date` (planned, inclusive), or the day before `ended_on` when
it ended early. One student's placements never occupy the same day, and a `Seat` (one of an
offer's places) never holds two placements on the same day; PostgreSQL enforces both with
exclusion constraints (migration 0002), every backend through the services' checks under
row locks, and the partial unique constraint below holds on every backend.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import school_manager
from catalog.periods import PERIOD_ORDER_MESSAGE
from companies.models import Company, Offer
from students.models import OwnPlacement, Student

DAY = dt.timedelta(days=1)


class Seat(models.Model):
    """One of an offer's places (1..capacity); created when first claimed."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="seats", verbose_name=_("aanbod")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    objects = school_manager("offer__company__institution")

    class Meta:
        verbose_name = _("plaats")
        verbose_name_plural = _("plaatsen")
        constraints = [
            models.UniqueConstraint(fields=["offer", "number"], name="seat_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="seat_number_positive",
                violation_error_message=_("Een plaats heeft een nummer van 1 of hoger."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}#{self.number}"


class PlacementSource(models.TextChoices):
    MATCH = "match", _("Matchingsronde")
    OWN = "own", _("Eigen stageplek")
    REPLACEMENT = "replacement", _("Herplaatsing")


class PlacementStatus(models.TextChoices):
    ACTIVE = "active", _("Loopt")
    ENDED_EARLY = "ended_early", _("Voortijdig beëindigd")
    COMPLETED = "completed", _("Afgerond")


class Placement(models.Model):
    student = models.ForeignKey(
        Student, verbose_name=_("student"), on_delete=models.PROTECT, related_name="placements"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("leerbedrijf"), on_delete=models.PROTECT, related_name="+"
    )
    # Own placements have a company but no offer and no seat.
    offer = models.ForeignKey(
        Offer, verbose_name=_("aanbod"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    seat = models.ForeignKey(
        Seat,
        on_delete=models.PROTECT,
        null=True,
        related_name="placements",
        verbose_name=_("plaats"),
    )
    start_date = models.DateField(_("vanaf"))
    end_date = models.DateField(_("tot en met"))
    source = models.CharField(_("bron"), max_length=12, choices=PlacementSource.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PlacementStatus.choices,
        default=PlacementStatus.ACTIVE,
    )
    # Ended early: the first day the placement no longer runs, when and why it was recorded.
    ended_on = models.DateField(_("beëindigd per"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.TextField(_("reden van beëindiging"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("vervangt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    own_placement = models.OneToOneField(
        OwnPlacement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement",
        verbose_name=_("eigen stageplek"),
    )
    # What the match was made on and why this place fits: `wishes` and `explanation`, kept in
    # `PlacementBasis` beside this row (see there).
    # From this moment the student and the company see the placement (a round's release
    # moment); empty while it only holds the seat for an approved, unreleased round.
    visible_from = models.DateTimeField(_("zichtbaar vanaf"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    objects = school_manager("student__programme__institution")

    class Meta:
        verbose_name = _("stageplaatsing")
        verbose_name_plural = _("stageplaatsingen")
        ordering = ["student", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="placement_period_order",
                violation_error_message=PERIOD_ORDER_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(seat__isnull=True) | models.Q(offer__isnull=False),
                name="placement_seat_has_offer",
                violation_error_message=_("Een plaatsing op een plaats hoort bij een aanbod."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=PlacementStatus.ENDED_EARLY)
                | models.Q(ended_on__isnull=False),
                name="placement_ended_has_date",
                violation_error_message=_("Een voortijdig beëindigde stage heeft een einddatum."),
            ),
            # A seat is held by one running placement at a time (an early end frees it).
            models.UniqueConstraint(
                fields=["seat"],
                condition=models.Q(status=PlacementStatus.ACTIVE),
                name="placement_one_active_per_seat",
            ),
        ]
        indexes = [models.Index(fields=["offer", "status"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.student} @ {self.company} {self.start_date:%d-%m-%Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves the placement, and its basis when `wishes` or `explanation` were set (the
        services' bulk inserts write the bases themselves, see `services._insert`)."""
        super().save(*args, **kwargs)
        if getattr(self, "_basis_changed", False):
            self.basis.save()
            self._basis_changed = False

    @property
    def occupied(self) -> tuple[dt.date, dt.date]:
        """The days the placement holds, as a half-open range [first, stop)."""
        return occupied(self.start_date, self.end_date, self.ended_on)

    def is_visible(self, now: dt.datetime | None = None) -> bool:
        return self.visible_from is not None and self.visible_from <= (now or timezone.now())

    def _basis(self) -> PlacementBasis:
        """The row beside this one, or a new unsaved one (saved by the ledger's services when
        they write this placement; a page that reads a placement without one sees `{}`)."""
        try:
            return self.basis
        except PlacementBasis.DoesNotExist:
            basis = PlacementBasis(placement=self)
            self.basis = basis
            return basis

    @property
    def wishes(self) -> dict[str, Any]:
        """The learning wishes and work processes of the run's input (what the match was made
        on; the company sees them)."""
        return self._basis().wishes

    @wishes.setter
    def wishes(self, value: dict[str, Any]) -> None:
        self._basis().wishes = value
        self._basis_changed = True

    @property
    def explanation(self) -> dict[str, Any]:
        """Why this place fits: the engine's explanation (what the student sees)."""
        return self._basis().explanation

    @explanation.setter
    def explanation(self, value: dict[str, Any]) -> None:
        self._basis().explanation = value
        self._basis_changed = True


class PlacementBasis(models.Model):
    """What a placement was made on and why it fits, beside the placement's row: 1.5 kB of JSON
    that no count or list over placements reads. In the placement's own row (1.6 kB in all,
    below PostgreSQL's 2 kB bound for moving values out) every count over placements read it:
    24 MB instead of 3 MB at 10,000 students. Written with the placement by
    `placements.services`; `Placement.wishes` and `.explanation` read it."""

    placement = models.OneToOneField(
        Placement,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="basis",
        verbose_name=_("stageplaatsing"),
    )
    wishes = models.JSONField(_("leerwensen (kopie)"), default=dict, blank=True)
    explanation = models.JSONField(_("uitleg"), default=dict, blank=True)
    objects = school_manager("placement__student__programme__institution")

    class Meta:
        verbose_name = _("grondslag van een stageplaatsing")
        verbose_name_plural = _("grondslagen van stageplaatsingen")

    def __str__(self) -> str:
        return str(self.placement_id)


def occupied(start: dt.date, end: dt.date, ended_on: dt.date | None) -> tuple[dt.date, dt.date]:
    """[first, stop): up to and including `end`, or up to `ended_on` (exclusive) when it ended
    early; empty (first == stop) when it ended before it began. The same expression is the
    PostgreSQL exclusion constraints' range."""
    stop = end + DAY
    if ended_on is not None:
        stop = min(stop, max(start, ended_on))
    return start, stop


def overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] < a[1] and b[0] < b[1] and a[0] < b[1] and b[0] < a[1]
