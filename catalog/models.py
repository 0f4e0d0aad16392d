"""Shared reference data that depends on nothing else of ours: places, organisation types,
electives (national codes), and the enums several apps use.

The tables keep the names they had when these models lived in `accounts` (`accounts_place`,
…), so existing databases needed no data migration when the models moved here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constraints import between, between_validators
from .validators import elective_code_validator


class Pathway(models.TextChoices):
    BOL = "BOL", _("BOL (beroepsopleidende leerweg)")
    BBL = "BBL", _("BBL (beroepsbegeleidende leerweg)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class Elective(models.Model):
    """A keuzedeel (national code such as K0080); programmes say which they offer."""

    code = models.CharField(
        _("code"), max_length=10, unique=True, validators=[elective_code_validator]
    )
    name = models.CharField(_("naam"), max_length=255)

    class Meta:
        db_table = "accounts_elective"
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
        db_table = "accounts_organisationtype"
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
    latitude = models.FloatField(_("breedtegraad"), validators=between_validators(-90, 90))
    longitude = models.FloatField(_("lengtegraad"), validators=between_validators(-180, 180))

    class Meta:
        db_table = "accounts_place"
        verbose_name = _("plaats")
        verbose_name_plural = _("plaatsen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "municipality"], name="place_unique_name"),
            between("latitude", -90, 90, label=_("De breedtegraad"), name="place_latitude_range"),
            between(
                "longitude", -180, 180, label=_("De lengtegraad"), name="place_longitude_range"
            ),
        ]

    def __str__(self) -> str:
        if self.municipality and self.municipality != self.name:
            return f"{self.name} ({self.municipality})"
        return self.name
