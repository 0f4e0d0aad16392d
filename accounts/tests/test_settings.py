from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_check_deploy_has_no_warnings_with_production_values() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x7!kq" * 12,
        DJANGO_ALLOWED_HOSTS="stagematching.roc.nl",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_stops_production_startup_with_clear_message() -> None:
    result = _manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_an_unreadable_boolean_or_number_stops_startup_with_a_clear_message() -> None:
    for name, value, says in [
        ("DJANGO_AXES_ENABLED", "ture", "is not a yes/no value"),
        ("DJANGO_DEBUG", "maybe", "is not a yes/no value"),
        ("DJANGO_AXES_FAILURE_LIMIT", "vijf", "is not a whole number"),
        ("DJANGO_SESSION_COOKIE_AGE", "-5", "must be at least 0"),
    ]:
        result = _manage("check", **{name: value})
        assert result.returncode != 0, name
        assert f"{name}={value!r} {says}" in result.stderr, result.stderr[-300:]
    assert _manage("check", DJANGO_AXES_ENABLED="false").returncode == 0
