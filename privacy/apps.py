from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from students import portal

        from .selectors import student_requests_section

        # The student's own data download (students.views.my_data) includes their requests.
        portal.register_export_section(student_requests_section)
