"""The entry point other code uses for the wording check; it lives in `companies.wording`."""

from __future__ import annotations

from .wording import Flag, check_texts

__all__ = ["Flag", "check_texts"]
