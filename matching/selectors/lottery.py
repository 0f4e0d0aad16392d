"""The round's committed lottery as shown: the commitment before any run, the seeds beside it
from the release moment on (see `matching.services.lottery`)."""

from __future__ import annotations

import hashlib

from matching.models import Round


def commitment(shortlist_seed: int, lottery_seed: int, nonce: str) -> str:
    """The published SHA-256 of the seeds: checkable by anyone once the release shows them."""
    text = f"stagematching-loting:{shortlist_seed}:{lottery_seed}:{nonce}"
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def lottery_published(rnd: Round) -> dict[str, object] | None:
    """The seeds and nonce beside their commitment, from the release moment on; None before
    (or when the round has no committed seeds)."""
    if not rnd.seed_commitment or not rnd.is_released():
        return None
    return {
        "shortlist_seed": rnd.shortlist_seed,
        "lottery_seed": rnd.lottery_seed,
        "nonce": rnd.seed_nonce,
        "commitment": rnd.seed_commitment,
        "matches": commitment(rnd.shortlist_seed or 0, rnd.lottery_seed or 0, rnd.seed_nonce)
        == rnd.seed_commitment,
    }
