"""Watching a Playwright page for Content-Security-Policy violations and script errors."""

from __future__ import annotations

from typing import Any


def watch(page: Any) -> list[str]:
    """The list that collects every CSP violation and uncaught script error of `page`."""
    problems: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems
