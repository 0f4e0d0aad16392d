from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Leerbedrijven")

    def ready(self) -> None:
        from . import imports  # noqa: F401  (registers the company importer)
