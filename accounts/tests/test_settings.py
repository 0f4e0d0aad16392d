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


PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x7!kq" * 12}
SHOW_COOKIES = (
    "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
)


def test_production_over_plain_http_is_an_explicit_local_only_setting() -> None:
    default = _manage("shell", "--no-imports", "-c", SHOW_COOKIES, **PRODUCTION)
    assert default.stdout.split() == ["True", "True", "True", "31536000"], default.stderr
    local = _manage(
        "shell",
        "--no-imports",
        "-c",
        SHOW_COOKIES,
        DJANGO_INSECURE_LOCAL_HTTP="1",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        **PRODUCTION,
    )
    assert local.stdout.split() == ["False", "False", "False", "0"], local.stderr


def test_production_over_plain_http_is_refused_for_a_real_host_name() -> None:
    for hosts in ("stagematching.roc.nl", "127.0.0.1,stagematching.roc.nl", "*"):
        result = _manage(
            "check", DJANGO_INSECURE_LOCAL_HTTP="1", DJANGO_ALLOWED_HOSTS=hosts, **PRODUCTION
        )
        assert result.returncode != 0, hosts
        assert "DJANGO_INSECURE_LOCAL_HTTP=1" in result.stderr
        assert "only for a developer's own machine" in result.stderr
    # The default hosts are local: a developer needs to set nothing else.
    assert _manage("check", DJANGO_INSECURE_LOCAL_HTTP="1", **PRODUCTION).returncode == 0
