"""The Stagematching engine: objective scoring, explanations and optimal allocation.

Plain Python (numpy, scikit-learn, OR-Tools); it never imports Django, reads settings or the
clock. Callers pass every input, including the lottery seed. See README.md in this folder.
"""

from __future__ import annotations

ENGINE_VERSION = "1.0.0"

from .allocate import Allocation, allocate, allocate_edges, shortlists  # noqa: E402
from .scoring import score_pairs  # noqa: E402
from .types import (  # noqa: E402
    Location,
    OfferProfile,
    RoundSettings,
    StudentProfile,
    TravelSettings,
    Weights,
)

__all__ = [
    "ENGINE_VERSION",
    "Allocation",
    "Location",
    "OfferProfile",
    "RoundSettings",
    "StudentProfile",
    "TravelSettings",
    "Weights",
    "allocate",
    "allocate_edges",
    "score_pairs",
    "shortlists",
]
