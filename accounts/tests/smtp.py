"""A small SMTP server on 127.0.0.1 for tests: the edge of the world we cannot reach (a real
mail server) played by a real SMTP conversation, so Django's SMTP backend is used as is.

Recipients whose address contains "permanent" are refused with 550, "tempfail" with 451;
at "dropped" the server hangs up without a word. It counts connections and keeps the
accepted messages.
"""

from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Mailbox:
    connections: int = 0
    messages: list[tuple[str, list[str], str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def _reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        box = self.server.mailbox
        with box.lock:
            box.connections += 1
        self._reply("220 test ESMTP")
        sender, recipients = "", list[str]()
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode().rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._reply("250 test")
            elif verb == "MAIL":
                sender, recipients = line.split(":", 1)[1].strip(" <>"), []
                self._reply("250 OK")
            elif verb == "RCPT":
                address = line.split(":", 1)[1].strip(" <>")
                if "dropped" in address:
                    return
                if "permanent" in address:
                    self._reply("550 5.1.1 mailbox unavailable")
                elif "tempfail" in address:
                    self._reply("451 4.3.0 try again later")
                else:
                    recipients.append(address)
                    self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 go ahead")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(data.decode(errors="replace"))
                with box.lock:
                    box.messages.append((sender, recipients, "".join(body)))
                self._reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self._reply("250 OK")
            elif verb == "QUIT":
                self._reply("221 bye")
                return
            else:
                self._reply("502 not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mailbox: Mailbox


def start() -> tuple[_Server, Mailbox, int]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.mailbox = Mailbox()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.mailbox, server.server_address[1]


def smtp_settings(port: int) -> dict[str, Any]:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": 5,
    }
