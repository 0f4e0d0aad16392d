from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """An institution's programmes and their qualification units (core tasks, work processes)."""

    name = "programmes"
    verbose_name = _("Opleidingen")
