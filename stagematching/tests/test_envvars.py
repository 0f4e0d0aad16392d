"""Strict settings: every yes/no or number variable the settings read stops startup with a
clear message when its value cannot be read (`DJANGO_AXES_ENABLED=ture` once turned the login
lockout off without a word). `accounts/tests/test_settings.py` starts `manage.py check` with
four such values; this walks every variable the settings read, in-process."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "stagematching" / "settings.py"
READ = re.compile(r"env_(bool|int)\(\s*\"([A-Z_]+)\"")
# With DJANGO_DEBUG off the production block is read too (HSTS, SSL redirect).
PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50}


def variables() -> list[tuple[str, str]]:
    return sorted({(name, kind) for kind, name in READ.findall(SETTINGS.read_text())})


def test_every_yes_no_and_number_variable_is_read_strictly() -> None:
    """No django-environ bool/int reads (they take any typo as False or fail obscurely)."""
    source = SETTINGS.read_text()
    assert not re.search(r"env\.(bool|int|float)\(|env\(", source)
    assert len(variables()) >= 12


@pytest.mark.parametrize("name, kind", variables())
def test_an_unreadable_value_stops_the_settings_with_its_name(
    monkeypatch: pytest.MonkeyPatch, name: str, kind: str
) -> None:
    for key, value in PRODUCTION.items():
        monkeypatch.setenv(key, value)
    bad = "ture" if kind == "bool" else "15 minuten"
    monkeypatch.setenv(name, bad)
    with pytest.raises(ImproperlyConfigured) as refused:
        runpy.run_path(str(SETTINGS))
    message = str(refused.value)
    assert name in message and repr(bad) in message
    assert ("yes/no" if kind == "bool" else "whole number") in message


@pytest.mark.parametrize("value", ["1", "0", "true", "False", "ja", "nee", " on "])
def test_every_spelling_of_yes_and_no_is_read(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("DJANGO_AXES_ENABLED", value)
    settings = runpy.run_path(str(SETTINGS))
    assert settings["AXES_ENABLED"] is (value.strip().lower() in {"1", "true", "ja", "on"})
