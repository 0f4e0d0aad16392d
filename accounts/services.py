"""Writes and workflows for accounts."""

from __future__ import annotations

import datetime as dt
import uuid

from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import Institution, OutboxMessage, Role, User
from .outbox import Mail, enqueue, enqueue_many
from .tokens import invitation_token_generator


def invitation_url(*, user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    path = reverse("accounts:activate", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


@transaction.atomic
def user_create_invited(
    *,
    email: str,
    full_name: str,
    role: Role,
    institution: Institution | None,
    send_invitation: bool = True,
) -> User:
    """Create an account without a password and (after commit) e-mail its activation link.

    If the e-mail address already has an account, that account is returned unchanged.
    """
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User(email=email.lower(), full_name=full_name, role=role, institution=institution)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    if send_invitation:
        user_invite(user=user)
    return user


def _invitation_mail(user_id: int) -> Mail:
    # Each invitation is its own message (a later one, e.g. after a lost mail, is sent too);
    # the outbox sends each one once.
    return Mail(recipient_id=user_id, kind="invitation", key=f"invitation:{uuid.uuid4().hex}")


def user_invite(*, user: User) -> None:
    """Queue the invitation e-mail for `user`; a worker sends it after the commit."""
    enqueue(_invitation_mail(user.pk))


def users_invite_bulk(*, user_ids: list[int]) -> None:
    """Queue invitation e-mails for many new users (an import)."""
    enqueue_many(_invitation_mail(uid) for uid in user_ids)


def invitation_render(message: OutboxMessage) -> tuple[str, str] | None:
    """The invitation, with a fresh activation link, or None once the account is active."""
    user = message.recipient
    if not user.is_active or user.has_usable_password():
        return None
    context = {"user": user, "url": invitation_url(user=user), "site_url": settings.SITE_URL}
    return (
        _("Activeer je account voor Stagematching"),
        render_to_string("registration/invitation_email.txt", context),
    )


def sessions_clear_expired(*, now: dt.datetime | None = None) -> int:
    """Delete the sessions whose expiry has passed (Django never does this by itself).
    Idempotent; returns how many were deleted."""
    deleted, _by_model = Session.objects.filter(expire_date__lt=now or timezone.now()).delete()
    return deleted


def login_log_prune(*, now: dt.datetime | None = None) -> int:
    """Delete the login access log (django-axes: one row per successful login, and the failed
    ones when that log is on) older than LOGIN_LOG_RETENTION_DAYS. Idempotent; returns how many
    rows were deleted. Lockout counters (AccessAttempt) are axes' own and expire by themselves."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.LOGIN_LOG_RETENTION_DAYS)
    deleted = 0
    for model in (AccessLog, AccessFailureLog):
        count, _by_model = model.objects.filter(attempt_time__lt=cutoff).delete()
        deleted += count
    return deleted


SEEN_EVERY = dt.timedelta(hours=1)


def user_seen(*, user: User, now: dt.datetime | None = None) -> bool:
    """Record that the person was active: at most once per SEEN_EVERY, one conditional UPDATE
    (no query at all while the loaded value is recent). Called at a login and on a POST, never
    on a GET, so reading a page writes nothing. Returns whether it wrote."""
    now = now or timezone.now()
    if user.last_seen_at is not None and user.last_seen_at > now - SEEN_EVERY:
        return False
    stale = Q(last_seen_at__isnull=True) | Q(last_seen_at__lte=now - SEEN_EVERY)
    written = User.objects.filter(stale, pk=user.pk).update(last_seen_at=now)
    user.last_seen_at = now
    return written > 0
