"""People, their roles, and the institution (tenant) with its teams."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tenancy import school_manager


class Role(models.TextChoices):
    STUDENT = "student", _("Student")
    COMPANY_CONTACT = "company_contact", _("Praktijkopleider")
    COORDINATOR = "coordinator", _("Bpv-coördinator")
    REVIEWER = "reviewer", _("Slb'er / beoordelaar")
    CARE_COORDINATOR = "care_coordinator", _("Zorgcoördinator")
    INSTITUTION_ADMIN = "institution_admin", _("Beheerder instelling")


STAFF_ROLES = frozenset(
    {Role.COORDINATOR, Role.REVIEWER, Role.CARE_COORDINATOR, Role.INSTITUTION_ADMIN}
)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.INSTITUTION_ADMIN)
        extra["is_superuser"] = True
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in by e-mail address. What they may do follows from `role`."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    institution = models.ForeignKey(
        "Institution",
        verbose_name=_("instelling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # When the person was last active: written at a login and on a POST, at most once an hour
    # (accounts.services.user_seen), never on a GET. The round page counts the students seen
    # in the last 14 days before the release moment.
    last_seen_at = models.DateTimeField(_("laatst actief"), null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Access to the Django admin: institution admins only."""
        return self.is_active and (self.is_superuser or self.role == Role.INSTITUTION_ADMIN)

    @property
    def is_school_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        """The superuser may do anything; an institution admin what `accounts.permissions`
        lists, on their own school's rows only; nobody else has model permissions."""
        from .permissions import INSTITUTION_ADMIN_PERMISSIONS, institution_id_of

        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        if self.role != Role.INSTITUTION_ADMIN or self.institution_id is None:
            return False
        if perm not in INSTITUTION_ADMIN_PERMISSIONS:
            return False
        if obj is None:
            return True
        owner = institution_id_of(obj)
        return owner is None or owner == self.institution_id

    def has_module_perms(self, app_label: str) -> bool:
        from .permissions import INSTITUTION_ADMIN_APPS

        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return self.role == Role.INSTITUTION_ADMIN and app_label in INSTITUTION_ADMIN_APPS

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


def school_staff(institution_id: int | None) -> models.QuerySet[User]:
    """The active staff of a school (none without a school): who may guide, review or own a
    step."""
    return User.objects.filter(
        institution_id=institution_id or 0, role__in=STAFF_ROLES, is_active=True
    )


class Institution(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam (in adressen)"), unique=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        verbose_name = _("instelling")
        verbose_name_plural = _("instellingen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    institution = models.ForeignKey(
        Institution, verbose_name=_("instelling"), on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(_("naam"), max_length=200)
    objects = school_manager("institution")

    class Meta:
        verbose_name = _("onderwijsteam")
        verbose_name_plural = _("onderwijsteams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Wacht")
    SENDING = "sending", _("Wordt verstuurd")
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")
    CANCELLED = "cancelled", _("Niet meer nodig")


class OutboxMessage(models.Model):
    """One e-mail to one person, sent once by a worker (`accounts.outbox`), never in a request.

    It stores what to send (`kind` and `context`, rendered when it is sent, so no link or
    token waits in the database), when (`send_after`) and how it went. `key` makes enqueueing
    idempotent per recipient; `topic` groups messages for a page (e.g. a round's release).
    """

    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="outbox", verbose_name=_("ontvanger")
    )
    kind = models.CharField(_("soort"), max_length=40)
    key = models.CharField(_("sleutel"), max_length=120)
    topic = models.CharField(_("onderwerp"), max_length=60, blank=True, db_index=True)
    context = models.JSONField(_("context"), default=dict, blank=True)
    send_after = models.DateTimeField(_("versturen na"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    claim = models.UUIDField(_("claim"), null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(_("geclaimd op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    error = models.CharField(_("fout"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    # School data: the mail of one school's people (a worker sends it school by school).
    objects = school_manager("recipient__institution")

    class Meta:
        verbose_name = _("e-mailbericht")
        verbose_name_plural = _("e-mailberichten")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="outbox_once_per_key")
        ]
        indexes = [models.Index(fields=["status", "send_after"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.status}"


class WorkerHeartbeat(models.Model):
    """The last moment a Celery worker ran the heartbeat task (beat asks every 30 seconds);
    the health endpoint reports a worker as alive while this is recent. Not school data."""

    name = models.CharField(_("naam"), max_length=40, unique=True)
    at = models.DateTimeField(_("moment"))

    class Meta:
        verbose_name = _("hartslag van een worker")
        verbose_name_plural = _("hartslagen van workers")

    def __str__(self) -> str:
        return f"{self.name} {self.at:%H:%M:%S}"
