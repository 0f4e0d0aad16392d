"""`make lint`'s dependency audit: pip-audit over both lock files.

Fails (exit 1) when a pinned package has a known vulnerability. When pip-audit's
vulnerability source cannot be reached (no network, or a package index that only mirrors the
simple API, where PyPI's JSON API answers 404 and OSV does not resolve), it warns and passes:
an audit that could not run says so instead of blocking the lint.

    python -m stagematching.dependency_audit [requirements files]
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

LOCKS = ["requirements.txt", "requirements-dev.txt"]


def verdict(report: dict[str, Any] | None) -> tuple[int, str]:
    """(exit code, message) for pip-audit's JSON report (None: it could not report)."""
    if report is None:
        return (
            0,
            "WAARSCHUWING: pip-audit kon zijn bron niet bereiken; niet gecontroleerd.",
        )
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    if vulnerable:
        lines = [
            f"  {d['name']} {d['version']}: {', '.join(v['id'] for v in d['vulns'])}"
            for d in vulnerable
        ]
        return 1, "Bekende kwetsbaarheden in vastgezette pakketten:\n" + "\n".join(lines)
    audited = [d for d in deps if "skip_reason" not in d]
    if deps and not audited:
        return 0, (
            "WAARSCHUWING: geen enkel pakket kon worden gecontroleerd "
            f"({deps[0]['skip_reason']}); de kwetsbaarheidsbron is hier niet bereikbaar."
        )
    return 0, f"Geen bekende kwetsbaarheden in {len(audited)} pakketten."


def run(locks: list[str]) -> tuple[int, str]:
    command = [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"]
    command += ["--no-deps", "--disable-pip", "--vulnerability-service", "pypi"]
    for lock in locks:
        command += ["-r", lock]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = None  # a connection error ends pip-audit before it writes its report
    return verdict(report)


def main() -> int:
    code, message = run(sys.argv[1:] or LOCKS)
    print(message)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
