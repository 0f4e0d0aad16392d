"""Command line: `python -m matching.engine score IN.json` / `... allocate IN.json`.

Both print JSON to stdout; formats are documented in matching/engine/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

# Each command imports what it needs when it runs: the graph form of `allocate` needs only
# numpy and OR-Tools (`flow`); scikit-learn is imported only when text similarity has weight.


def _profiles(data: dict[str, Any]) -> tuple[list[Any], list[Any], Any]:
    from .io import offer_from_dict, settings_from_dict, student_from_dict

    students = [student_from_dict(d) for d in data.get("students", [])]
    offers = [offer_from_dict(d) for d in data.get("offers", [])]
    return students, offers, settings_from_dict(data.get("settings"))


def cmd_score(data: dict[str, Any]) -> dict[str, Any]:
    from .hashing import canonical_sha256
    from .scoring import score_pairs
    from .version import ENGINE_VERSION

    students, offers, settings = _profiles(data)
    table = score_pairs(students, offers, settings)
    return {
        "engine_version": ENGINE_VERSION,
        "input_sha256": canonical_sha256(data),
        "pairs": [p.as_dict() for p in table.explained()],
        "no_eligible_offer": {
            table.students[i].id: dict(c) for i, c in sorted(table.exclusions.items())
        },
    }


def cmd_allocate(data: dict[str, Any]) -> dict[str, Any]:
    seed = int(data["seed"])
    objective = data.get("objective", "score")
    if "edges" in data:
        from .flow import allocate_edges

        alloc = allocate_edges(
            students=[str(s["id"]) for s in data["students"]],
            offers={str(o["id"]): int(o["capacity"]) for o in data["offers"]},
            edges=data["edges"],  # [student, offer, score, rank or null]; ids as in `students`
            seed=seed,
            objective=objective,
        )
        return alloc.as_dict()
    from .allocate import allocate, shortlists

    students, offers, settings = _profiles(data)
    alloc, table = allocate(
        students, offers, settings, seed=seed, objective=objective, ranks=data.get("ranks")
    )
    out = alloc.as_dict()
    if data.get("shortlist_k"):
        out["shortlists"] = shortlists(table, alloc, k=int(data["shortlist_k"]), seed=seed)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matching.engine")
    parser.add_argument("command", choices=["score", "allocate"])
    parser.add_argument("input", help="input JSON file, or - for standard input")
    args = parser.parse_args(argv)
    try:
        fh = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
        with fh:
            data = json.load(fh)
        result = cmd_score(data) if args.command == "score" else cmd_allocate(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # One write: json.dump would write tens of thousands of small pieces.
    sys.stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
