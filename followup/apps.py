from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Stagebegeleiding")

    def ready(self) -> None:
        from accounts import outbox
        from students import portal

        from .selectors import student_home_panel, student_leave_panel
        from .services.agreement import guardian_render
        from .services.evaluation import evaluation_render
        from .services.reminders import agreement_reminder_render
        from .services.signal_mail import KIND as SIGNAL_KIND
        from .services.signal_mail import signal_new_render
        from .services.student_news import KIND, student_news_render
        from .services.warnings import contact_warning_render

        # students sits below followup: the student's home page links to their placement.
        portal.register_home_panel("followup/_student_home.html", student_home_panel)
        portal.register_staff_panel("followup/_student_leave.html", student_leave_panel)
        outbox.register("pok_guardian", guardian_render)
        outbox.register("evaluation", evaluation_render)
        outbox.register("contact_warning", contact_warning_render)
        outbox.register("pok_reminder", agreement_reminder_render)
        outbox.register(KIND, student_news_render)
        outbox.register(SIGNAL_KIND, signal_new_render)
