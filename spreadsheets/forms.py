from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .filecheck import MAX_BYTES, FileRefused, kind_of


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (.csv of .xlsx)"),
        help_text=_("De eerste regel bevat de kolomnamen. Maximaal 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Controleren")))

    def clean_file(self) -> UploadedFile:
        """Size and extension before a byte is read; the content is checked by the service."""
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 10 MB. Splits het in kleinere bestanden.")
            )
        try:
            kind_of(upload.name or "")
        except FileRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload
