from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudentsConfig(AppConfig):
    name = "students"
    verbose_name = _("Studenten")

    def ready(self) -> None:
        from accounts import outbox

        from . import imports  # noqa: F401  (registers the cohort importer)
        from .services import reminder_render

        outbox.register("reminder", reminder_render)
