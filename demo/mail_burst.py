"""The release mail burst of `make bench-web`: every message of a released round handed to a
local SMTP server (aiosmtpd, a sink on 127.0.0.1 that accepts and counts; nothing leaves the
machine), by as many sending processes as the production worker runs, each running the
outbox's own `dispatch` (claims per message, batches over one SMTP connection each).

Measured: from the release moment to the moment the sink accepted the last message. The
messages were queued before the moment (by the release), as in production.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

from aiosmtpd.controller import Controller
from django.db import connections
from django.test.utils import override_settings
from django_scopes import scopes_disabled

from accounts.models import OutboxMessage, OutboxStatus
from accounts.outbox import dispatch

# aiosmtpd tells of every connection and command at INFO; the benchmark only counts.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class _Sink:
    """An aiosmtpd handler that accepts every message and notes when the last one came."""

    def __init__(self) -> None:
        self.count = 0
        self.last = 0.0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            self.count += 1
            self.last = time.time()
        return "250 OK"


@dataclass
class Burst:
    messages: int
    seconds_after_moment: float  # the sink accepted the last message this long after the moment
    senders: int
    left_pending: int


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sender(port: int) -> None:
    """One sending process: the outbox's dispatch until nothing is due any more."""
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ),
        scopes_disabled(),
    ):
        while dispatch():
            pass
    connections.close_all()


def send_release_mail(moment: float, senders: int) -> Burst:
    """Wait for the moment (epoch seconds), then send every due message with `senders`
    processes against a fresh sink."""
    sink = _Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        time.sleep(max(0.0, moment - time.time()))
        # Each process opens its own database connection (never share one across a fork).
        connections.close_all()
        context = mp.get_context("fork")
        processes = [context.Process(target=_sender, args=(port,)) for _ in range(senders)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
    finally:
        controller.stop()
    pending = OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count()
    return Burst(
        messages=sink.count,
        seconds_after_moment=max(0.0, sink.last - moment) if sink.count else 0.0,
        senders=senders,
        left_pending=pending,
    )
