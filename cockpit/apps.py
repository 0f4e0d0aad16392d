from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CockpitConfig(AppConfig):
    name = "cockpit"
    verbose_name = _("Stappenplan")

    def ready(self) -> None:
        from accounts import outbox
        from companies import panels as company_panels
        from students import portal

        from .panels import company_panel, student_panel
        from .reminders import (
            COMPANY_KIND,
            STUDENT_KIND,
            company_reminder_render,
            student_reminder_render,
        )
        from .selectors.planning import intake_closes_at
        from .services import overdue_render

        outbox.register("planning_overdue", overdue_render)
        outbox.register(COMPANY_KIND, company_reminder_render)
        outbox.register(STUDENT_KIND, student_reminder_render)
        # The planning is the one source of intake dates: the student's deadline and a new
        # round's intake date ask this rule.
        portal.register_intake_deadline(intake_closes_at)
        # What a coordinator works from on the staff pages of a student and a company.
        portal.register_staff_panel("cockpit/_student_panel.html", student_panel)
        company_panels.register_staff_panel("cockpit/_company_panel.html", company_panel)
