"""Logging filters that keep secrets out of logs."""

from __future__ import annotations

import logging
import re

# Activation and password-reset links carry a uid and a one-time token in the path, a
# guardian's signing link a signed token (a test walks every URL with a token in it).
_TOKEN_PATH = re.compile(r"(/(?:activeren|wachtwoord/reset)/)[^/\s]+/[^/\s]+/")
_SIGNING_PATH = re.compile(r"(/ondertekenen/)[^/\s]+/")


class RedactTokensFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _TOKEN_PATH.sub(r"\1[verborgen]/[verborgen]/", message)
        redacted = _SIGNING_PATH.sub(r"\1[verborgen]/", redacted)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True
