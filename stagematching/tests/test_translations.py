"""The English translation is complete: every message in locale/en has an English text that is
not marked fuzzy, and pages show English (not Dutch) after a user switches language."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import InstitutionFactory, UserFactory

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def _unquote(text: str) -> str:
    """A quoted .po string is a Python string literal as far as its escapes go."""
    value = ast.literal_eval(text.strip())
    assert isinstance(value, str)
    return value


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file (blocks separated by blank lines), enough to check them."""
    entries: list[Entry] = []
    for block in text.split("\n\n"):
        entry = Entry()
        target: tuple[str, int] = ("", 0)
        for line in block.strip().splitlines():
            if line.startswith("#~"):
                entry.obsolete = True
            elif line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith("msgctxt "):
                target = ("msgctxt", 0)
            elif line.startswith("msgid_plural "):
                entry.msgid_plural, target = _unquote(line[13:]), ("msgid_plural", 0)
            elif line.startswith("msgid "):
                entry.msgid, target = _unquote(line[6:]), ("msgid", 0)
            elif line.startswith("msgstr["):
                number, rest = line[7:].split("]", 1)
                entry.msgstr[int(number)], target = _unquote(rest), ("msgstr", int(number))
            elif line.startswith("msgstr "):
                entry.msgstr[0], target = _unquote(line[7:]), ("msgstr", 0)
            elif line.startswith('"'):
                kind, index = target
                if kind == "msgid":
                    entry.msgid += _unquote(line)
                elif kind == "msgid_plural":
                    entry.msgid_plural = (entry.msgid_plural or "") + _unquote(line)
                elif kind == "msgstr":
                    entry.msgstr[index] += _unquote(line)
        if entry.msgstr and not entry.obsolete:
            entries.append(entry)
    return entries


def untranslated(entries: list[Entry]) -> list[str]:
    """The messages (other than the header) that English users would still see in Dutch."""
    return [
        entry.msgid
        for entry in entries
        if entry.msgid and ("fuzzy" in entry.flags or not all(entry.msgstr.values()))
    ]


def test_the_parser_finds_empty_fuzzy_and_half_translated_plural_entries() -> None:
    text = "\n".join(
        [
            'msgid ""',
            'msgstr ""',
            '"Language: en\\n"',
            "",
            'msgid "Opslaan"',
            'msgstr "Save"',
            "",
            'msgid "Leeg"',
            'msgstr ""',
            "",
            "#, fuzzy, python-format",
            'msgid "Vaag %(n)s"',
            'msgstr "Vague %(n)s"',
            "",
            'msgid "%(n)s bedrijf"',
            'msgid_plural "%(n)s bedrijven"',
            'msgstr[0] "%(n)s company"',
            'msgstr[1] ""',
            "",
            'msgid ""',
            '"Lange "',
            '"regel"',
            'msgstr ""',
            '"Long "',
            '"line"',
            "",
            '#~ msgid "Oud"',
            '#~ msgstr ""',
        ]
    )
    assert untranslated(parse_po(text)) == ["Leeg", "Vaag %(n)s", "%(n)s bedrijf"]


def test_every_english_message_is_translated_and_none_is_fuzzy() -> None:
    entries = parse_po(PO_FILE.read_text(encoding="utf-8"))
    assert len(entries) > 1000, "the English catalogue looks truncated"
    missing = untranslated(entries)
    examples = "; ".join(repr(msgid) for msgid in missing[:5])
    assert not missing, f"{len(missing)} messages have no (checked) English text, e.g. {examples}"


def _english_client() -> Client:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


@pytest.mark.django_db
def test_public_pages_are_in_english_after_the_switch() -> None:
    institution = InstitutionFactory.create()
    client = _english_client()

    page = client.get(reverse("matching:transparency", args=[institution.slug])).content.decode()
    assert 'lang="en"' in page
    assert "What the program never looks at" in page
    assert "Waar het programma nooit naar kijkt" not in page

    page = client.get(reverse("companies:register", args=[institution.slug])).content.decode()
    assert "Sign up as a learning company" in page
    assert "Aanmelden als leerbedrijf" not in page


@pytest.mark.django_db
def test_coordinator_pages_are_in_english_after_the_switch() -> None:
    coordinator = UserFactory.create(role=Role.COORDINATOR)
    client = _english_client()
    client.force_login(coordinator)
    expected = {
        "companies:staff-list": ("There are no learning companies yet", "nog geen leerbedrijven"),
        "students:staff-list": ("There are no students yet", "nog geen studenten"),
        "matching:dashboard": ("No rounds yet", "Nog geen rondes"),
    }
    for name, (english, dutch) in expected.items():
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        page = response.content.decode()
        assert english in page, name
        assert dutch not in page, name
