from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from matching.models import AuditEvent, Match, Round


def audit(
    round: Round, actor: User | None, action: str, match: Match | None = None, **detail: Any
) -> None:
    """Record who did what to a round (or one of its matches), with details, in its log."""
    AuditEvent.objects.create(round=round, match=match, actor=actor, action=action, detail=detail)


# How the round's log reads each action (an unknown one shows as recorded).
ACTION_LABELS: dict[str, Promise] = {
    "approved": _("match goedgekeurd"),
    "counsellors_reminded": _("slb'ers herinnerd aan voorkeuren"),
    "direct_replacement_approved": _("herplaatsing goedgekeurd"),
    "direct_replacement_proposed": _("herplaatsing voorgesteld"),
    "direct_replacement_refused": _("herplaatsing afgewezen"),
    "identity_revealed": _("naam van een student ingezien"),
    "intro_requested": _("kennismaking aangevraagd"),
    "login_reminder_queued": _("herinnering om in te loggen klaargezet"),
    "lottery_committed": _("loting vastgelegd"),
    "notifications_retried": _("e-mails opnieuw verstuurd"),
    "objected": _("bezwaar van een beoordelaar"),
    "objection_in_progress": _("bezwaar in behandeling"),
    "release_set": _("moment van bekendmaking gekozen"),
    "replacement_approved": _("herplaatsing na bezwaar goedgekeurd"),
    "replacement_proposed": _("herplaatsing na bezwaar voorgesteld"),
    "replacement_refused": _("herplaatsing na bezwaar afgewezen"),
    "round_created": _("ronde aangemaakt"),
    "run_chosen": _("run als voorstel gekozen"),
    "run_replay_other_engine": _("run nagerekend met een andere versie"),
    "run_replayed": _("run nagerekend"),
    "run_requeued": _("vastgelopen run opnieuw gestart"),
    "run_started": _("run gestart"),
    "run_stuck_failed": _("run vastgelopen"),
    "seats_claimed": _("plaatsen vastgelegd"),
    "seats_released": _("plaatsen vrijgegeven"),
    "shortlists_made": _("keuzelijsten gemaakt"),
    "student_objection": _("bezwaar van een student"),
    "transition": _("ronde naar een volgende fase"),
    "wishes_shown": _("leerwens in eigen woorden ingezien"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
