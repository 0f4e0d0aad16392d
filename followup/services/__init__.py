"""Writes of a placement's life, one module per part: `agreement` (the POK and its
signatures, the guardian's link), `intro` (the introductory meeting), `guidance` (bpv-docent,
contact moments, signals), `ending` (early end, refusal, re-placement), `evaluation`."""
