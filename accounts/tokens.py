"""One-time invitation links.

The token hashes the password and last login (Django's reset-token scheme), so it stops
working as soon as the invited person has set a password; it also expires after
PASSWORD_RESET_TIMEOUT. Its own salt keeps invitation and reset links apart.
"""

from __future__ import annotations

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "stagematching.accounts.InvitationTokenGenerator"


invitation_token_generator = InvitationTokenGenerator()
