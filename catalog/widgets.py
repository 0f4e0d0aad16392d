"""Selects with hundreds or thousands of options (every place, every recognised company).

Django renders each <option> through its own template include: about 0.1 ms an option, so
the 676 places of a student's two place fields cost 150-250 ms a page. These widgets write
the same tags in Python, escaped with `format_html`; the attributes (`required`, the
picker's data attributes, crispy's classes) and the posted values are Django's as before.
Grouped choices (optgroups) fall back to Django's own rendering.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> str:
    """As Django's widgets/attrs.html writes them: in order, True as a bare name, False left out."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """Keeps Django's class name: crispy forms puts it in the class attribute."""

    def options_html(self, value: Any) -> str | None:
        """The <option> tags, or None when the choices have groups."""
        selected = set(self.format_value(value))
        parts: list[str] = []
        chosen = False
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return None
            text = "" if option_value is None else str(option_value)
            is_selected = text in selected and (self.allow_multiple_selected or not chosen)
            chosen = chosen or is_selected
            mark = " selected" if is_selected else ""
            parts.append(
                f'<option value="{escape(text)}"{mark}>{conditional_escape(str(label))}</option>'
            )
        return "\n  ".join(parts)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        options = self.options_html(value)
        if options is None:
            return super().render(name, value, attrs, renderer)
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        start = format_html('<select name="{}"', name)
        return mark_safe(f"{start}{_attrs(final)}>\n  {options}\n</select>")


class SelectMultiple(Select, forms.SelectMultiple):
    pass
