"""The Stagematching engine: objective scoring, explanations and optimal allocation.

Plain Python (numpy, OR-Tools; scikit-learn for text similarity); it never imports Django,
reads settings or the clock. Callers pass every input, including the lottery seed. See
README.md in this folder.

This module is the engine's public surface; code outside `matching/engine/` imports only from
here (a test checks it), so the internals can change freely behind it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .version import ENGINE_VERSION

if TYPE_CHECKING:
    from .entry import make_shortlists, profile_options, run_round, student_options
    from .hashing import canonical_sha256 as snapshot_sha256
    from .hashing import output_sha256
    from .io import offer_to_dict, settings_to_dict, student_to_dict
    from .pairs import Criterion, ScoredPair
    from .readable import Plain, plain, unplaced
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

# Where each public name lives: imported on first use, so `python -m matching.engine allocate`
# loads only what that command needs (numpy and OR-Tools, not the scoring modules).
_LAZY = {
    "make_shortlists": ("entry", "make_shortlists"),
    "run_round": ("entry", "run_round"),
    "student_options": ("entry", "student_options"),
    "profile_options": ("entry", "profile_options"),
    "snapshot_sha256": ("hashing", "canonical_sha256"),
    "output_sha256": ("hashing", "output_sha256"),
    "offer_to_dict": ("io", "offer_to_dict"),
    "settings_to_dict": ("io", "settings_to_dict"),
    "student_to_dict": ("io", "student_to_dict"),
    "Criterion": ("pairs", "Criterion"),
    "ScoredPair": ("pairs", "ScoredPair"),
    "Plain": ("readable", "Plain"),
    "plain": ("readable", "plain"),
    "unplaced": ("readable", "unplaced"),
    "render_reason": ("reasons", "render"),
    "travel_mode": ("reasons", "travel_mode"),
    **{
        name: ("types", name)
        for name in (
            "Location",
            "OfferProfile",
            "RoundSettings",
            "StudentProfile",
            "Transport",
            "TravelSettings",
            "Weights",
        )
    },
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(import_module(f".{module}", __name__), attr)
    globals()[name] = value
    return value


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
    "profile_options",
    "render_reason",
    "run_round",
    "settings_to_dict",
    "snapshot_sha256",
    "student_options",
    "student_to_dict",
    "travel_mode",
    "unplaced",
]
