"""Every model and field of the project has a Dutch name, so the admin, form labels and error
messages read Dutch (English comes from the translation files)."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

# The project's own apps (every app whose code lives in this repository).
OURS = {
    app.label
    for app in apps.get_app_configs()
    if Path(app.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(app.path).parts
}
# Words that are the same in Dutch and in English.
SAME = {
    "status",
    "code",
    "cohort",
    "crebo",
    "postcode",
    "website",
    "variant",
    "score",
    "student",
    "match",
    "context",
    "claim",
}
SAME_MODELS = {"student", "run", "match"}


def test_every_model_and_field_has_a_dutch_name() -> None:
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in OURS:
            continue
        default = " ".join(re.findall(r"[A-Z][a-z0-9]*", model.__name__)).lower()
        name = str(model._meta.verbose_name)
        if name == default and name not in SAME_MODELS:
            missing.append(model.__name__)
        for field in [*model._meta.fields, *model._meta.many_to_many]:
            if field.auto_created:
                continue
            label = str(field.verbose_name)
            if label == field.name.replace("_", " ") and label not in SAME:
                missing.append(f"{model.__name__}.{field.name}")
    assert missing == [], ", ".join(missing)
