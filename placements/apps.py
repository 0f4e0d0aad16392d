from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Stageplaatsingen")

    def ready(self) -> None:
        from students import portal

        from .selectors import placement_lock, student_export_section

        # students sits below placements: a placed student's form stays as it was matched,
        # and their placements are part of their data export.
        portal.register_profile_lock(placement_lock)
        portal.register_export_section(student_export_section)
