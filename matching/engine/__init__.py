"""The Stagematching engine: objective scoring, explanations and optimal allocation.

Plain Python (numpy, scikit-learn, OR-Tools); it never imports Django, reads settings or the
clock. Callers pass every input, including the lottery seed. See README.md in this folder.

This module is the engine's public surface; code outside `matching/engine/` imports only from
here (a test checks it), so the internals can change freely behind it.
"""

from __future__ import annotations

from .entry import make_shortlists, run_round, student_options
from .hashing import canonical_sha256 as snapshot_sha256
from .hashing import output_sha256
from .io import offer_to_dict, settings_to_dict, student_to_dict
from .pairs import Criterion, ScoredPair
from .readable import Plain, plain
from .reasons import render as render_reason
from .reasons import travel_mode
from .types import (
    Location,
    OfferProfile,
    RoundSettings,
    StudentProfile,
    Transport,
    TravelSettings,
    Weights,
)
from .version import ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION",
    "Criterion",
    "Location",
    "Plain",
    "OfferProfile",
    "RoundSettings",
    "ScoredPair",
    "StudentProfile",
    "Transport",
    "TravelSettings",
    "Weights",
    "make_shortlists",
    "offer_to_dict",
    "output_sha256",
    "plain",
    "render_reason",
    "run_round",
    "settings_to_dict",
    "snapshot_sha256",
    "student_options",
    "student_to_dict",
    "travel_mode",
]
