"""The dependency audit's verdict on pip-audit's report (its JSON format is the edge here:
no vulnerability source is reachable from this machine, so the reports are written out)."""

from __future__ import annotations

from stagematching.dependency_audit import verdict


def test_a_known_vulnerability_in_a_pinned_package_fails_the_lint() -> None:
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-2025-1"}]},
            {"name": "celery", "version": "5.7.0", "vulns": []},
        ]
    }
    code, message = verdict(report)
    assert code == 1 and "django 5.2.0: PYSEC-2025-1" in message


def test_no_vulnerabilities_passes() -> None:
    report = {"dependencies": [{"name": "celery", "version": "5.7.0", "vulns": []}]}
    assert verdict(report) == (0, "Geen bekende kwetsbaarheden in 1 pakketten.")


def test_an_unreachable_source_warns_and_passes() -> None:
    skipped = {"name": "celery", "version": "5.7.0", "skip_reason": "Dependency not found"}
    for report in (None, {"dependencies": [skipped]}):
        code, message = verdict(report)
        assert code == 0 and message.startswith("WAARSCHUWING")
