from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo school (`manage.py load_demo`). It sits on top, so it may use every app."""

    name = "demo"
    verbose_name = _("Demoschool")
