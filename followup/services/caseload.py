"""Assigning a bpv-docent to many placements at once, set-based: a handful of queries for
ten placements or ten thousand, every change logged (`SupervisionChange`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import STAFF_ROLES, User
from placements.models import Placement, PlacementStatus

from ..models import Supervision, SupervisionChange

BATCH = 500


@transaction.atomic
def supervisions_assign(*, placements: QuerySet[Placement], teacher: User, by: User | None) -> int:
    """Make `teacher` the bpv-docent of the running placements among `placements`
    (replacing an earlier one) and log each change; returns how many placements now have
    `teacher` as bpv-docent. Refused as a whole when one placement is of another school."""
    if teacher.role not in STAFF_ROLES or not teacher.is_active or teacher.institution_id is None:
        raise ValidationError(_("Kies een medewerker van de school als bpv-docent."))
    running = placements.filter(status=PlacementStatus.ACTIVE).order_by()
    if running.exclude(student__programme__institution_id=teacher.institution_id).exists():
        raise ValidationError(_("Kies een medewerker van de eigen school."))
    chosen = running.values("pk")
    now = timezone.now()
    replaced = list(
        Supervision.objects.select_for_update()
        .filter(placement__in=chosen)
        .exclude(teacher=teacher)
        .values_list("placement_id", "teacher_id")
    )
    new = list(running.filter(supervision__isnull=True).values_list("pk", flat=True))
    Supervision.objects.filter(placement__in=chosen).exclude(teacher=teacher).update(
        teacher=teacher, assigned_at=now
    )
    Supervision.objects.bulk_create(
        [Supervision(placement_id=pk, teacher=teacher, assigned_at=now) for pk in new],
        batch_size=BATCH,
    )
    changes = [(pk, previous) for pk, previous in replaced] + [(pk, None) for pk in new]
    SupervisionChange.objects.bulk_create(
        [
            SupervisionChange(placement_id=pk, teacher=teacher, previous_id=prev, by=by, at=now)
            for pk, prev in changes
        ],
        batch_size=BATCH,
    )
    return Supervision.objects.filter(placement__in=chosen, teacher=teacher).count()
