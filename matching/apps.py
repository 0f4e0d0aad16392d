from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from students import portal

        from .selectors.results import student_export_section, student_home_panel

        # students sits below matching: matching adds the result to the student's pages.
        portal.register_home_panel("matching/_student_home.html", student_home_panel)
        portal.register_export_section(student_export_section)
