"""Plain Dutch for students and companies: one form of address ("je", never the formal "u" or
"uw") and dates in words ("1 februari 2027", not "1-2-2027").

Two checks, each with its own scope:
- every Dutch message of the project (the msgids of the English catalogue: everything that goes
  through gettext, in Python, templates and e-mails, for every role) is free of "u"/"uw";
- every page a student or a company contact of the demo year can reach by following links
  (students before and after the release, placed and not, and company contacts with placements
  in several states), rendered in Dutch, says neither "u"/"uw" nor a date in digits.
Text that a company writes itself (an offer, a note) is part of those pages too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.models import User
from followup.models import Ending
from matching.models import Match
from placements.models import Placement
from stagematching.tests.test_translations import PO_FILE, parse_po
from students.models import ProfileStatus

# "u", "uw" or "uzelf" as a word (not in "u'tje", "U-bocht" or a longer word).
FORMAL = re.compile(r"(?<![\w'’-])(u|uw|uzelf)(?![\w'’-])", re.IGNORECASE)
DIGIT_DATE = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{[^}]*\}|%s")
# Attributes a reader sees or hears: besides the text, these carry words.
READ_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt", "data-confirm")
SKIP_NAMES = {"accounts:logout", "set_language"}
MAX_PAGES = 40


def test_no_dutch_message_uses_the_formal_u() -> None:
    entries = parse_po(PO_FILE.read_text(encoding="utf-8"))
    formal = [
        text
        for e in entries
        if not e.obsolete
        for text in (e.msgid, e.msgid_plural or "")
        if FORMAL.search(PLACEHOLDER.sub(" ", text))
    ]
    assert formal == [], "\n".join(formal)


class _Reader(HTMLParser):
    """The words on a page (text and the attributes that are read) and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style"):
            self._hidden += 1
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        self.words += [str(values[a]) for a in READ_ATTRIBUTES if values.get(a)]
        if tag in ("input", "button") and values.get("type") in ("submit", "button"):
            self.words.append(str(values.get("value") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.words.append(" ".join(data.split()))


def _readers() -> list[User]:
    """Students before and after the release (placed, not placed, finding their own place)
    and company contacts with placements in the demo year's states (meeting proposed, POK
    sent, refused, ended early)."""
    emails = {
        "student001@demo.stagematching.nl",
        "student001@ijsseldelta.demo.stagematching.nl",
        "bedrijf001@demo.stagematching.nl",
    }
    unplaced = Match.objects.filter(offer__isnull=True).select_related("profile__student__user")
    if first := unplaced.first():
        emails.add(first.profile.student.user.email)
    opted_out = User.objects.filter(student__profile__status=ProfileStatus.OPTED_OUT).first()
    if opted_out:
        emails.add(opted_out.email)
    placements = list(
        Placement.objects.filter(student__programme__institution__slug="roc-de-waalkant")
        .select_related("student__user")
        .order_by("pk")[:8]
    )
    refused = Ending.objects.filter(reason="refusal").select_related("placement").first()
    if refused:
        placements.append(refused.placement)
    for p in placements:
        emails.add(p.student.user.email)
        emails.update(p.company.contacts.values_list("user__email", flat=True)[:1])
    return list(User.objects.filter(email__in=emails).order_by("email"))


def _pages(client: Client) -> dict[str, list[str]]:
    """Every page the user reaches from the home page by following links (GET only)."""
    queue, seen, pages = ["/"], set[str](), dict[str, list[str]]()
    while queue and len(seen) < MAX_PAGES:
        parts = urlsplit(queue.pop(0))
        if parts.netloc or not parts.path.startswith("/") or "formaat=" in parts.query:
            continue
        try:
            name = resolve(parts.path).view_name
        except Resolver404:
            continue
        if name in SKIP_NAMES or name.startswith("admin:") or parts.path in seen:
            continue
        seen.add(parts.path)
        response = client.get(parts.path, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        reader = _Reader()
        reader.feed(response.content.decode())
        pages[parts.path] = reader.words
        queue += reader.links
    return pages


@pytest.mark.django_db
def test_students_and_companies_read_je_and_dates_in_words() -> None:
    call_command("load_demo", "--year", stdout=open("/dev/null", "w"))  # noqa: SIM115
    readers = _readers()
    assert {u.role for u in readers} == {"student", "company_contact"}
    problems, reached = [], set[str]()
    for user in readers:
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        client.force_login(user)
        for path, words in _pages(client).items():
            reached.add(resolve(path).view_name)
            for text in words:
                if FORMAL.search(text) or DIGIT_DATE.search(text):
                    problems.append(f"{user.email} {path}: {text[:120]}")
    # The pages that matter most are among them (the crawl still reaches them).
    assert {
        "students:home",
        "students:profile-edit",
        "matching:result",
        "followup:detail",
        "companies:home",
        "matching:company-results",
    } <= reached
    assert problems == [], "\n".join(problems)
