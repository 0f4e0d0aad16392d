from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts en instellingen")

    def ready(self) -> None:
        from . import outbox
        from .services import invitation_render

        outbox.register("invitation", invitation_render)
