"""The wording check on the free texts a company writes (offers, introductory-meeting notes).

`check_texts` is the entry point; `companies.wordlist` re-exports it for older imports.
"""

from __future__ import annotations

from .check import Flag, check_texts
from .lexicon import BLOCK, GROUNDS, LEVELS, VERSION, WARN

__all__ = ["BLOCK", "GROUNDS", "LEVELS", "VERSION", "WARN", "Flag", "check_texts"]
