"""The life of a placement after the match (see the app's README section in the project
README): the introductory meeting, the praktijkovereenkomst (POK) with its signatures,
the bpv-docent and contact moments, signals, and the end evaluation."""

from .agreement import Agreement, AgreementStatus, GuardianLink, Party, Signature
from .caseload import SupervisionChange
from .life import (
    ContactKind,
    ContactMoment,
    Ending,
    EndReason,
    Evaluation,
    EvaluationParty,
    IntroMeeting,
    IntroMoment,
    IntroStatus,
    NotHeldReason,
    Signal,
    SignalStatus,
    Supervision,
)

__all__ = [
    "Agreement",
    "AgreementStatus",
    "ContactKind",
    "ContactMoment",
    "EndReason",
    "Ending",
    "Evaluation",
    "EvaluationParty",
    "GuardianLink",
    "IntroMeeting",
    "IntroMoment",
    "IntroStatus",
    "NotHeldReason",
    "Party",
    "Signal",
    "SignalStatus",
    "Signature",
    "Supervision",
    "SupervisionChange",
]
