"""Formats of the national codes: crebo, core task, work process and elective."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

crebo_validator = RegexValidator(
    r"^\d{5}$", _("Een crebonummer bestaat uit precies 5 cijfers, bijvoorbeeld 25604.")
)
work_process_code_validator = RegexValidator(
    r"^[BP]\d+-K\d+-W\d+$",
    _("Gebruik de code uit het kwalificatiedossier, bijvoorbeeld B1-K1-W1."),
)
core_task_code_validator = RegexValidator(
    r"^[BP]\d+-K\d+$", _("Gebruik de code uit het kwalificatiedossier, bijvoorbeeld B1-K1.")
)
elective_code_validator = RegexValidator(
    r"^K\d{4}$", _("Een keuzedeelcode is K gevolgd door 4 cijfers.")
)
