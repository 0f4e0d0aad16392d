"""Development e-mail: every message is written to a file in the outbox folder, and the
console only says that one was written, never to whom or with which link."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.filebased import EmailBackend

logger = logging.getLogger("stagematching.mail")


class OutboxBackend(EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = super().send_messages(email_messages)
        if sent:
            # The file name holds a timestamp only; no address, subject or link is logged.
            logger.info("%d e-mail(s) geschreven in %s", sent, self.file_path)
        return sent
