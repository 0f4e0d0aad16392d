"""The seeded lottery that breaks ties: a value per (seed, student id, offer id).

It depends on ids, never on input positions, so the output does not depend on input order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np


def _id_hashes(ids: Sequence[str], salt: bytes) -> np.ndarray:
    """The keyed 8-byte BLAKE2b of each id, as little-endian integers. The key is absorbed
    once; each id hashes a copy of that state (the same digests as keying each one)."""
    keyed = hashlib.blake2b(digest_size=8, key=salt)
    digests = []
    for i in ids:
        h = keyed.copy()
        h.update(i.encode())
        digests.append(h.digest())
    return np.frombuffer(b"".join(digests), dtype="<u8").astype(np.uint64)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, in place on `x` (uint64): spreads the combined id hashes evenly."""
    shifted = np.empty_like(x)
    with np.errstate(over="ignore"):
        np.right_shift(x, np.uint64(30), out=shifted)
        x ^= shifted
        x *= np.uint64(0xBF58476D1CE4E5B9)
        np.right_shift(x, np.uint64(27), out=shifted)
        x ^= shifted
        x *= np.uint64(0x94D049BB133111EB)
        np.right_shift(x, np.uint64(31), out=shifted)
        x ^= shifted
    return x


def lottery(
    seed: int,
    student_ids: Sequence[str],
    offer_ids: Sequence[str],
    s: np.ndarray,
    o: np.ndarray,
    k: int,
) -> np.ndarray:
    """A value in [0, k) per pair, keyed on (seed, student id, offer id)."""
    salt = hashlib.blake2b(str(seed).encode(), digest_size=16).digest()
    hs = _id_hashes(student_ids, salt + b"s")
    ho = _id_hashes(offer_ids, salt + b"o")
    with np.errstate(over="ignore"):
        ho += np.uint64(0x9E3779B97F4A7C15)
    mixed = hs[s]
    mixed ^= _mix(ho)[o]
    _mix(mixed)
    if k & (k - 1) == 0:  # a power of two: the low bits
        mixed &= np.uint64(k - 1)
    else:
        mixed %= np.uint64(k)
    out: np.ndarray = mixed.view(np.int64)  # (below 2**63)
    return out
