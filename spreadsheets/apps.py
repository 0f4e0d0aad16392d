from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpreadsheetsConfig(AppConfig):
    """Reading CSV/XLSX uploads and the import framework (upload, preview, all-or-nothing apply).

    Each domain app registers its `Importer` (students, companies) in its own `ready()`.
    """

    name = "spreadsheets"
    verbose_name = _("Imports")
