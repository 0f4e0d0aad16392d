from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CockpitConfig(AppConfig):
    name = "cockpit"
    verbose_name = _("Stappenplan")

    def ready(self) -> None:
        from accounts import outbox

        from .services import overdue_render

        outbox.register("planning_overdue", overdue_render)
