"""Canonical hashes of engine input and output."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


def canonical_json(payload: Any) -> str:
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def canonical_sha256(payload: Any) -> str:
    return hashlib.sha256(canonical_json(payload).encode()).hexdigest()


def update_with_list(
    digest: Any, items: Iterable[T], to_plain: Callable[[T], Any], chunk: int = 2048
) -> None:
    """Feed `digest` the canonical JSON of `[to_plain(x) for x in items]`, a chunk at a time,
    byte for byte what `canonical_json` gives for the whole list, without holding it."""
    digest.update(b"[")
    batch: list[Any] = []
    first = True
    for item in items:
        batch.append(to_plain(item))
        if len(batch) == chunk:
            digest.update((("" if first else ",") + canonical_json(batch)[1:-1]).encode())
            batch, first = [], False
    if batch:
        digest.update((("" if first else ",") + canonical_json(batch)[1:-1]).encode())
    digest.update(b"]")


def output_sha256(output: dict[str, Any]) -> str:
    """The hash a run's output is stored and replayed with."""
    return hashlib.sha256(
        json.dumps(output, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
