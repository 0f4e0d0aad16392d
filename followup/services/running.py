"""The one guard every write of a placement's life goes through: an ended placement (ended
early or completed) is a record, so its meeting, contact moments and POK no longer change.
The page hides the buttons; this refuses a crafted POST as well.

Not guarded on purpose: a signal (a student may report discrimination after the end, and the
care coordinator keeps working on it) and the end evaluation (it is about an ended placement).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from placements.models import Placement, PlacementStatus


def ensure_running(placement: Placement | int) -> None:
    """Raise a ValidationError unless the placement still runs. Reads the status from the
    database, so a placement object loaded before it ended cannot slip through."""
    pk = placement if isinstance(placement, int) else placement.pk
    status = Placement.objects.filter(pk=pk).values_list("status", flat=True).first()
    if status != PlacementStatus.ACTIVE:
        raise ValidationError(
            _("Deze stage is beëindigd of afgerond. Er kan niets meer aan veranderen.")
        )
