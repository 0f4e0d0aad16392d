"""Runs prepared before a change to the engine replay identically.

Each fixture is a run snapshot from the demo school (one programme), its lottery seed and the
SHA-256 of the output the engine gave when the fixture was made. The shortlist fixture also
covers variant 2's masking of offers that are not on a student's shortlist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from matching.engine import ENGINE_VERSION, output_sha256, run_round

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", ["replay_direct", "replay_shortlist"])
def test_a_run_prepared_before_replays_identically(name: str) -> None:
    fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert fixture["engine_version"] == ENGINE_VERSION
    output = run_round(fixture["snapshot"], fixture["seed"])
    assert output["placed"] == fixture["placed"]
    assert output_sha256(output) == fixture["output_sha256"]


def test_the_shortlist_fixture_depends_on_its_shortlists() -> None:
    fixture = json.loads((FIXTURES / "replay_shortlist.json").read_text(encoding="utf-8"))
    unmasked = {k: v for k, v in fixture["snapshot"].items() if k != "shortlists"}
    assert output_sha256(run_round(unmasked, fixture["seed"])) != fixture["output_sha256"]


@pytest.mark.parametrize("name", ["replay_direct", "replay_shortlist"])
def test_the_engine_change_is_documented_in_the_fixture(name: str) -> None:
    """Engine 2.0.0 changed the score (stating a wish never lowers it, text similarity off by
    default): the fixture keeps the 1.0.0 output beside the current one, and the same
    snapshot and seed now give the recorded current output."""
    fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    old = {h["engine_version"]: h["output_sha256"] for h in fixture["history"]}
    assert "1.0.0" in old and old["1.0.0"] != fixture["output_sha256"]


@pytest.mark.django_db
def test_a_run_of_another_engine_version_is_not_replayed(reviewed: Any) -> None:
    from matching.models import AuditEvent, Run
    from matching.services import runs

    run = reviewed.round.chosen_run
    Run.objects.filter(pk=run.pk).update(engine_version="1.0.0")
    run.refresh_from_db()
    with pytest.raises(runs.ReplayUnavailable, match="engine-versie 1.0.0"):
        runs.run_replay(run=run, by=reviewed.reviewer)
    assert AuditEvent.objects.filter(action="run_replay_other_engine").exists()
