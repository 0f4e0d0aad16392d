"""Every e-mail goes through the outbox (`accounts.outbox`), which only a worker runs: no
module sends mail itself, so no request ever waits for (or fails on) a mail server."""

from __future__ import annotations

import ast

from stagematching.tests.test_architecture import NODES, _module_of, _sources

SENDING = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "get_connection"}
SENDING_CLASSES = {"EmailMessage", "EmailMultiAlternatives"}
OUTBOX = "accounts.outbox"
# Modules allowed to touch django.core.mail: the pipeline, and the development mail backend
# (which receives messages, it never starts sending them).
ALLOWED = {OUTBOX, "stagematching.mail"}


def test_only_the_outbox_sends_mail() -> None:
    found = []
    for app in NODES:
        for path in _sources(app):
            if _module_of(path) in ALLOWED:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "django.core.mail"
                ):
                    names = {a.name for a in node.names} & (SENDING | SENDING_CLASSES)
                    if names:
                        found.append(f"{_module_of(path)} imports {sorted(names)}")
    assert found == []


def test_the_outbox_is_only_run_by_a_task() -> None:
    callers = []
    for app in NODES:
        for path in _sources(app):
            module = _module_of(path)
            # The benchmark (make bench-web) drains the outbox itself to time the mail step:
            # in-process, or in processes of its own against a local SMTP sink.
            if module in (OUTBOX, "accounts.tasks", "demo.bench_web", "demo.mail_burst"):
                continue
            source = path.read_text(encoding="utf-8")
            if "outbox.dispatch(" in source or "import dispatch" in source:
                callers.append(module)
    assert callers == []
