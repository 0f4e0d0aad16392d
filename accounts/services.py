"""Writes and workflows for accounts."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import Institution, Role, User
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


def user_invite(*, user: User) -> None:
    """Schedule the invitation e-mail for `user` once the current transaction commits."""
    from .tasks import send_invitation_task

    transaction.on_commit(partial(send_invitation_task.delay, user.pk))


def invitation_send(*, user_id: int) -> bool:
    """Send the invitation e-mail. Returns False (and sends nothing) once the account is active.

    Called by the task; idempotent in effect: a user who already set a password gets no mail.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return False
    context = {"user": user, "url": invitation_url(user=user), "site_url": settings.SITE_URL}
    send_mail(
        subject=_("Activeer je account voor Stagematching"),
        message=render_to_string("registration/invitation_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    return True


INVITATION_CHUNK = 100


def users_invite_bulk(*, user_ids: list[int]) -> None:
    """Schedule invitation e-mails for many new users, in chunks, after the commit."""
    from .tasks import send_invitations_task

    for start in range(0, len(user_ids), INVITATION_CHUNK):
        chunk = user_ids[start : start + INVITATION_CHUNK]
        transaction.on_commit(partial(send_invitations_task.delay, chunk))
