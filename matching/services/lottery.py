"""The round's lottery, committed before anything is computed, so nobody can re-roll it.

When the intake closes (`rounds_moves.round_close_intake`) the round draws two seeds, one for
the shortlist step (variant 2) and one for the allocation, plus a random nonce, and stores at
once the SHA-256 commitment of the three. The commitment is shown on the round page and on the
public page before any run; every run of the round uses the allocation seed, so runs differ
only in their settings. At the release the seeds and the nonce are published beside the
commitment, and anyone can check it (`commitment`), and an auditor with a run's snapshot can
replay the round. A follow-up round is a round of its own and commits its own seeds.
"""

from __future__ import annotations

import secrets

from django.utils import timezone

from accounts.models import User
from matching.models import Round
from matching.selectors.lottery import commitment

from .audit import audit

SEED_LIMIT = 2**62  # fits the runs' 64-bit seed column


def lottery_commit(rnd: Round, by: User | None) -> Round:
    """Draw and commit the round's seeds, once; the caller holds the round's row lock."""
    if rnd.seed_commitment:
        return rnd
    rnd.shortlist_seed = secrets.randbelow(SEED_LIMIT)
    rnd.lottery_seed = secrets.randbelow(SEED_LIMIT)
    rnd.seed_nonce = secrets.token_hex(16)
    rnd.seed_commitment = commitment(rnd.shortlist_seed, rnd.lottery_seed, rnd.seed_nonce)
    rnd.seed_committed_at = timezone.now()
    rnd.save(
        update_fields=[
            "shortlist_seed",
            "lottery_seed",
            "seed_nonce",
            "seed_commitment",
            "seed_committed_at",
        ]
    )
    audit(rnd, by, "lottery_committed", commitment=rnd.seed_commitment)
    return rnd
