from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from accounts import outbox
        from students import portal

        from .selectors.population import in_frozen_round, intake_open_for
        from .selectors.results import student_export_section, student_home_panel
        from .services.login_reminder import login_reminder_render
        from .services.notifications import preferences_reminder_render, release_render
        from .services.replacement import replacement_render
        from .services.replacement_direct import direct_replacement_render

        # students sits below matching: matching adds the result to the student's pages,
        # freezes the form of a student in a round between intake and release, and opens it
        # again while a round (a follow-up) takes in forms from students without a placement.
        portal.register_home_panel("matching/_student_home.html", student_home_panel)
        portal.register_export_section(student_export_section)
        portal.register_profile_lock(in_frozen_round)
        portal.register_intake_window(intake_open_for)
        outbox.register("release", release_render)
        outbox.register("preferences_reminder", preferences_reminder_render)
        outbox.register("replacement", replacement_render)
        outbox.register("login_reminder", login_reminder_render)
        outbox.register("direct_replacement", direct_replacement_render)
