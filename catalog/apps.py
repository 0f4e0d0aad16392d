from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    """Shared reference data: places, organisation types, electives, and the rules about them."""

    name = "catalog"
    verbose_name = _("Referentiegegevens")
