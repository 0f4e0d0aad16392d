"""People, roles, the institution and its programmes (with their qualification structure)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

crebo_validator = RegexValidator(
    r"^\d{5}$", _("Een crebonummer bestaat uit precies 5 cijfers, bijvoorbeeld 25604.")
)
work_process_code_validator = RegexValidator(
    r"^[BP]\d+-K\d+-W\d+$",
    _("Gebruik de code uit het kwalificatiedossier, bijvoorbeeld B1-K1-W1."),
)
core_task_code_validator = RegexValidator(
    r"^[BP]\d+-K\d+$", _("Gebruik de code uit het kwalificatiedossier, bijvoorbeeld B1-K1.")
)


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

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

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

    def has_perm(self, perm: str, obj: object = None) -> bool:
        if self.is_active and self.role == Role.INSTITUTION_ADMIN:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        if self.is_active and self.role == Role.INSTITUTION_ADMIN:
            return True
        return super().has_module_perms(app_label)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


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

    class Meta:
        verbose_name = _("onderwijsteam")
        verbose_name_plural = _("onderwijsteams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Pathway(models.TextChoices):
    BOL = "BOL", _("BOL (beroepsopleidende leerweg)")
    BBL = "BBL", _("BBL (beroepsbegeleidende leerweg)")


class Programme(models.Model):
    """An opleiding: a qualification (crebo) at a level, offered in a pathway by a team."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("instelling"),
        on_delete=models.CASCADE,
        related_name="programmes",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("onderwijsteam"),
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
    )
    name = models.CharField(_("naam"), max_length=200)
    crebo = models.CharField(_("crebo"), max_length=5, validators=[crebo_validator])
    level = models.PositiveSmallIntegerField(
        _("niveau"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    pathway = models.CharField(_("leerweg"), max_length=3, choices=Pathway.choices)

    class Meta:
        verbose_name = _("opleiding")
        verbose_name_plural = _("opleidingen")
        ordering = ["name", "pathway"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "crebo", "pathway"], name="programme_unique_crebo"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="programme_level_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.crebo}, niveau {self.level}, {self.pathway})"


class CoreTask(models.Model):
    """A kerntaak of the programme's qualification file."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.CASCADE, related_name="core_tasks"
    )
    code = models.CharField(_("code"), max_length=12, validators=[core_task_code_validator])
    name = models.CharField(_("naam"), max_length=255)

    class Meta:
        verbose_name = _("kerntaak")
        verbose_name_plural = _("kerntaken")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="coretask_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class WorkProcess(models.Model):
    """A werkproces: the unit a student wants to practise and a company offers."""

    core_task = models.ForeignKey(
        CoreTask,
        verbose_name=_("kerntaak"),
        on_delete=models.CASCADE,
        related_name="work_processes",
    )
    code = models.CharField(_("code"), max_length=16, validators=[work_process_code_validator])
    name = models.CharField(_("naam"), max_length=255)

    class Meta:
        verbose_name = _("werkproces")
        verbose_name_plural = _("werkprocessen")
        ordering = ["core_task__programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["core_task", "code"], name="workprocess_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Elective(models.Model):
    """A keuzedeel (national code such as K0080), available to some programmes."""

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(r"^K\d{4}$", _("Een keuzedeelcode is K gevolgd door 4 cijfers."))
        ],
    )
    name = models.CharField(_("naam"), max_length=255)
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("opleidingen"), related_name="electives", blank=True
    )

    class Meta:
        verbose_name = _("keuzedeel")
        verbose_name_plural = _("keuzedelen")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OrganisationType(models.Model):
    """Shared taxonomy: zorginstelling, kinderopvang, ICT-bedrijf, …"""

    slug = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("type organisatie")
        verbose_name_plural = _("types organisatie")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Place(models.Model):
    """A Dutch place with coordinates, so reachability is computed offline."""

    name = models.CharField(_("plaats"), max_length=120)
    municipality = models.CharField(_("gemeente"), max_length=120)
    province = models.CharField(_("provincie"), max_length=60)
    latitude = models.FloatField(_("breedtegraad"))
    longitude = models.FloatField(_("lengtegraad"))

    class Meta:
        verbose_name = _("plaats")
        verbose_name_plural = _("plaatsen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "municipality"], name="place_unique_name")
        ]

    def __str__(self) -> str:
        if self.municipality and self.municipality != self.name:
            return f"{self.name} ({self.municipality})"
        return self.name


class ImportKind(models.TextChoices):
    STUDENTS = "students", _("Studenten")
    COMPANIES = "companies", _("Leerbedrijven")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Voorbeeld")
    APPLIED = "applied", _("Ingelezen")


class ImportBatch(models.Model):
    """An uploaded spreadsheet between preview and commit: its rows, errors and outcome."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=16, choices=ImportKind.choices)
    filename = models.CharField(_("bestand"), max_length=255)
    rows = models.JSONField(_("regels"), default=list)
    errors = models.JSONField(_("fouten"), default=list)
    summary = models.JSONField(_("samenvatting"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    applied_at = models.DateTimeField(_("ingelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"
