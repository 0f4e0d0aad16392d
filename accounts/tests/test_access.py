"""Walk every URL as every role (and anonymously) and check who gets in."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, include, path, reverse

from accounts.access import allow_roles
from accounts.models import STAFF_ROLES, Role
from accounts.tests.urlconf import post_only_url_names
from cockpit.models import PlanningStep
from companies.tests.factories import OfferFactory
from spreadsheets.models import ImportBatch
from students.models import OwnPlacement
from students.tests.factories import StudentFactory

PUBLIC = "public"
ALL = frozenset(Role)
STAFF = STAFF_ROLES
COORD = frozenset({Role.COORDINATOR, Role.INSTITUTION_ADMIN})
CONTACT = frozenset({Role.COMPANY_CONTACT})
STUDENT = frozenset({Role.STUDENT})
HELPERS = frozenset({Role.COORDINATOR, Role.REVIEWER, Role.INSTITUTION_ADMIN})

# Every named page and who may open it. A page missing here fails the walk: new pages
# must say who they are for.
EXPECTED: dict[str, frozenset[Role] | str] = {
    "home": ALL,
    "set_language": PUBLIC,
    "health": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:logout": ALL,
    "accounts:password-reset": PUBLIC,
    "accounts:password-reset-done": PUBLIC,
    "accounts:password-reset-confirm": PUBLIC,
    "accounts:password-reset-complete": PUBLIC,
    "accounts:activate": PUBLIC,
    "programmes:list": STAFF,
    "programmes:detail": STAFF,
    "students:home": STUDENT,
    "students:profile-edit": STUDENT,
    "students:reach-hint": STUDENT,
    "students:opt-out": STUDENT,
    "students:opt-in": STUDENT,
    "students:my-data": STUDENT,
    "students:staff-list": STAFF,
    "students:staff-remind": COORD,
    "students:own-placements": COORD,
    "placements:own-placement-decide": COORD,
    "students:deadlines": COORD,
    "students:staff-detail": STAFF,
    "students:staff-edit": HELPERS,
    "students:staff-reach-hint": HELPERS,
    "students:staff-comment": STAFF,
    "companies:home": CONTACT,
    "companies:agreement": CONTACT,
    "companies:profile-edit": CONTACT,
    "companies:contact-invite": CONTACT,
    "companies:offer-create": CONTACT,
    "companies:offer-edit": CONTACT,
    "companies:offer-publish": CONTACT,
    "companies:offer-unpublish": CONTACT,
    "companies:offer-copy": CONTACT,
    "companies:register": PUBLIC,
    "companies:staff-list": STAFF,
    "companies:staff-create": COORD,
    "companies:agreement-publish": frozenset({Role.INSTITUTION_ADMIN}),
    "companies:staff-detail": STAFF,
    "companies:staff-verify": COORD,
    "companies:staff-status": COORD,
    "companies:staff-suspend": COORD,
    "companies:staff-suspension-lift": COORD,
    "companies:staff-accept-text": COORD,
    "spreadsheets:upload": COORD,
    "spreadsheets:template": COORD,
    "spreadsheets:preview": COORD,
    "spreadsheets:status": COORD,
    "spreadsheets:apply": COORD,
    "matching:dashboard": STAFF,
    "matching:coverage": STAFF,
    "matching:round-create": COORD,
    "matching:round-detail": STAFF,
    "matching:round-open-intake": COORD,
    "matching:round-close-intake": COORD,
    "matching:round-start-allocating": COORD,
    "matching:round-approve": COORD,
    "matching:round-reopen-review": COORD,
    "matching:round-close": COORD,
    "matching:run-prepare": COORD,
    "matching:counsellors-remind": COORD,
    "matching:login-reminder": COORD,
    "matching:round-release": COORD,
    "matching:notifications-retry": COORD,
    "matching:follow-up": COORD,
    "matching:export": STAFF,
    "matching:review": STAFF,
    "matching:review-bulk-approve": STAFF,
    "matching:run-start": COORD,
    "matching:run-status": STAFF,
    "matching:job-status": STAFF,
    "matching:run-choose": COORD,
    "matching:run-replay": STAFF,
    "matching:match-detail": STAFF,
    "matching:match-approve": STAFF,
    "matching:match-object": STAFF,
    "matching:match-move": STAFF,
    "matching:match-reveal": COORD,
    "matching:match-wishes": STAFF,
    "matching:objection-take": COORD,
    "matching:objection-decide": COORD,
    "matching:replacement-propose": COORD,
    "matching:replacement-approve": COORD | {Role.CARE_COORDINATOR},
    "matching:replacement-refuse": COORD | {Role.CARE_COORDINATOR},
    "matching:direct-replacement": COORD | {Role.CARE_COORDINATOR},
    "matching:direct-replacement-propose": COORD | {Role.CARE_COORDINATOR},
    "matching:direct-replacement-approve": COORD | {Role.CARE_COORDINATOR},
    "matching:direct-replacement-refuse": COORD | {Role.CARE_COORDINATOR},
    "matching:result": STUDENT,
    "matching:preferences": STUDENT,
    "matching:company-results": CONTACT,
    "matching:intro-request": CONTACT,
    "matching:notification-read": ALL,
    "matching:transparency": PUBLIC,
    "followup:list": STAFF,
    "followup:supervision-bulk": COORD,
    "followup:caseload": COORD,
    "followup:agreements-export": COORD,
    "followup:detail": ALL,
    "followup:agreement-save": COORD,
    "followup:agreement-send": COORD,
    "followup:agreement-sign": ALL,
    "followup:agreement-new-version": COORD,
    "followup:agreement-pdf": ALL,
    "followup:guardian-resend": COORD,
    "followup:student-guardian": COORD,
    "followup:guardian-sign": PUBLIC,
    "cockpit:dashboard": STAFF,
    "cockpit:planning": STAFF,
    "cockpit:step-create": COORD,
    "cockpit:step-edit": COORD,
    "cockpit:step-done": COORD,
    "cockpit:step-delete": COORD,
    "cockpit:charts": STAFF,
    "cockpit:exports": STAFF,
    "cockpit:export": STAFF,
    "cockpit:stagepact": STAFF,
    "followup:intro-propose": CONTACT,
    "followup:intro-answer": STUDENT,
    "followup:intro-outcome": CONTACT | STAFF,
    "followup:intro-confirm": STUDENT,
    "followup:refuse": CONTACT,
    "followup:stop": COORD,
    "followup:supervision": COORD,
    "followup:contact-add": STAFF,
    "followup:contact-held": STAFF,
    "followup:signal-report": ALL,
    "followup:signal-update": frozenset({Role.COORDINATOR, Role.CARE_COORDINATOR}),
    "followup:evaluation": ALL,
    "followup:student-leave": COORD,
    "privacy:retention": frozenset({Role.INSTITUTION_ADMIN}),
    "privacy:register": frozenset({Role.INSTITUTION_ADMIN}),
    "privacy:mine": STUDENT | CONTACT,
    "privacy:my-data": CONTACT,
    "privacy:requests": COORD,
    "privacy:request": COORD,
}
# Derived from the views' markers (accounts.access.post_only), so the list cannot drift.
# set_language is Django's: it changes the language only on POST.
POST_ONLY = post_only_url_names() | {"set_language"}


def _named_patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.app_name == "admin":
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            found.extend(_named_patterns(p, ns))
        elif p.name:
            found.append((f"{prefix}{p.name}", p))
    return found


def _kwargs(name: str, objects: dict[str, Any]) -> dict[str, object]:
    """URL arguments that point at real objects the role under test may (or may not) see."""
    if name in ("accounts:password-reset-confirm", "accounts:activate"):
        return {"uidb64": "MQ", "token": "abc-def"}
    if name == "programmes:detail":
        return {"pk": objects["programme"].pk}
    if name in ("spreadsheets:upload", "spreadsheets:template"):
        return {"kind": "companies"}
    if name in ("spreadsheets:preview", "spreadsheets:status", "spreadsheets:apply"):
        return {"pk": objects["batch"].pk}
    if name.startswith("companies:offer-") and name != "companies:offer-create":
        return {"pk": objects["offer"].pk}
    if name == "followup:guardian-sign":
        return {"token": "onbekend"}
    if name == "followup:contact-held":
        return {"pk": objects["ledger"].pk, "moment": objects["contact"].pk}
    if name == "followup:student-leave":
        return {"student": objects["student"].pk}
    if name == "followup:signal-update":
        return {"pk": objects["ledger"].pk, "signal": objects["signal"].pk}
    if name.startswith("followup:") and name not in (
        "followup:list",
        "followup:agreements-export",
        "followup:supervision-bulk",
        "followup:caseload",
    ):
        return {"pk": objects["ledger"].pk}
    if name == "privacy:request":
        return {"pk": objects["rights_request"].pk}
    if name == "cockpit:export":
        return {"name": "studenten"}
    if name.startswith("cockpit:step-") and name != "cockpit:step-create":
        return {"pk": objects["step"].pk}
    if name == "placements:own-placement-decide":
        return {"pk": objects["placement"].pk}
    if name.startswith("students:staff-") and name not in (
        "students:staff-list",
        "students:staff-remind",
    ):
        return {"pk": objects["student"].pk}
    if name == "matching:transparency":
        return {"institution": objects["programme"].institution.slug}
    if name == "matching:job-status":
        return {"pk": objects["job"].pk}
    if name.startswith("matching:run-"):
        if name == "matching:run-prepare":
            return {"pk": objects["round"].pk}
        return {"pk": objects["run"].pk}
    if name.startswith("matching:match-"):
        return {"pk": objects["match"].public_id}
    if name == "matching:intro-request":
        return {"pk": objects["match"].pk}
    if name in ("matching:direct-replacement", "matching:direct-replacement-propose"):
        return {"pk": objects["ledger"].pk}
    if name in ("matching:direct-replacement-approve", "matching:direct-replacement-refuse"):
        return {"pk": objects["replacement"].pk}
    if name.startswith(("matching:objection-", "matching:replacement-")):
        return {"pk": objects["objection"].pk}
    if name in ("matching:preferences",) or (
        name.startswith("matching:")
        and name
        not in (
            "matching:dashboard",
            "matching:coverage",
            "matching:round-create",
            "matching:result",
            "matching:company-results",
        )
    ):
        return {"pk": objects["round"].pk}
    if name == "companies:register":
        return {"institution": objects["programme"].institution.slug}
    if name == "companies:staff-accept-text":
        return {"pk": objects["offer"].company_id, "offer_pk": objects["offer"].pk}
    if name.startswith("companies:staff-") and name not in (
        "companies:staff-list",
        "companies:staff-create",
    ):
        return {"pk": objects["offer"].company_id}
    return {}


def test_every_named_url_has_an_access_rule() -> None:
    names = {name for name, _ in _named_patterns(get_resolver())}
    assert names == set(EXPECTED), "add new pages to EXPECTED with the roles they are for"


@pytest.mark.django_db
def test_every_url_as_every_role(users_by_role, programme) -> None:
    contact = users_by_role[Role.COMPANY_CONTACT].company_contact
    student = users_by_role[Role.STUDENT].student
    objects = {
        "programme": programme,
        "student": student,
        # Another student's placement: the student role's own opt-in must not remove it mid-walk.
        "placement": OwnPlacement.objects.create(
            student=StudentFactory.create(
                user__institution=programme.institution, programme=programme
            ),
            company=contact.company,
            period_start=date(2027, 2, 1),
            period_end=date(2027, 6, 30),
        ),
        "offer": OfferFactory.create(company=contact.company, programme=programme),
        "batch": ImportBatch.objects.create(
            institution=programme.institution,
            kind="companies",
            filename="x.csv",
            created_by=users_by_role[Role.COORDINATOR],
        ),
    }
    objects.update(_round_objects(programme, users_by_role, objects["offer"]))
    objects.update(life_objects(student, objects["offer"]))
    # One client per role for the whole walk: logging in once instead of once per URL halves
    # the time. A page that ends the session (logout) is followed by a fresh login.
    clients = {role: Client() for role in [None, *Role]}
    failures = []
    for name, _ in _named_patterns(get_resolver()):
        url = reverse(name, kwargs=_kwargs(name, objects))
        rule = EXPECTED[name]
        for role, client in clients.items():
            if role is not None and not _has_session(client):
                client.force_login(users_by_role[role])
            method = client.post if name in POST_ONLY else client.get
            response = method(url)
            if rule == PUBLIC:
                # A guardian's signing link that is not valid answers 410 (Gone).
                gone = name == "followup:guardian-sign" and response.status_code == 410
                ok = response.status_code in (200, 302) or gone
            elif role is None:
                ok = response.status_code == 302 and "/account/inloggen/" in response["Location"]
            elif role in rule:
                ok = response.status_code in (200, 302)
            else:
                ok = response.status_code == 403
            if not ok:
                failures.append((name, role, response.status_code))
    assert failures == []


def ledger_placement(student, offer):
    """A released placement of `student` at `offer`, for the pages of a placement's life."""
    from django.utils import timezone

    from placements.models import Placement, PlacementSource

    return Placement.objects.create(
        student=student,
        company=offer.company,
        offer=offer,
        start_date=offer.period_start,
        end_date=offer.period_end,
        source=PlacementSource.MATCH,
        visible_from=timezone.now(),
    )


def life_objects(student, offer) -> dict[str, Any]:
    """A released placement with a contact moment, a signal, a rights request and a
    re-placement proposal, for the walks."""
    from django.utils import timezone

    from followup.models import ContactMoment, Signal
    from matching.models import Replacement
    from privacy.models import RightsRequest

    ledger = ledger_placement(student, offer)
    return {
        "replacement": Replacement.objects.create(
            placement=ledger, offer=offer, reason="x", proposed_by=student.user
        ),
        "rights_request": RightsRequest.objects.create(
            institution_id=student.user.institution_id,
            requester=student.user,
            kind="correction",
            text="x",
            deadline=timezone.now(),
        ),
        "ledger": ledger,
        "contact": ContactMoment.objects.create(
            placement=ledger, date=date(2027, 3, 1), kind="online", by=student.user
        ),
        "signal": Signal.objects.create(
            placement=ledger, reporter=student.user, what="x", when="y"
        ),
    }


def _has_session(client: Client) -> bool:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie is not None and bool(cookie.value)


def _round_objects(programme, users_by_role, offer) -> dict[str, Any]:
    """A released round with one match, a run and an objection (and a planning step), for
    the URL walk."""
    from django.utils import timezone

    from matching.models import Match, Objection, Round, RoundJob, RoundStatus, Run
    from students.models import LearningProfile

    coordinator = users_by_role[Role.COORDINATOR]
    rnd = Round.objects.create(
        institution=programme.institution,
        name="Ronde",
        cohort=2026,
        created_by=coordinator,
        status=RoundStatus.RELEASED,
        release_at=timezone.now(),
    )
    rnd.programmes.add(programme)
    run = Run.objects.create(round=rnd, number=1, seed=1, input_sha256="x", created_by=coordinator)
    profile, _created = LearningProfile.objects.get_or_create(
        student=users_by_role[Role.STUDENT].student
    )
    match = Match.objects.create(round=rnd, profile=profile, offer=offer, pseudonym="S-AAAA")
    objection = Objection.objects.create(match=match, reason="Te ver")
    step = PlanningStep.objects.create(
        institution=programme.institution, school_year=2026, kind="run", due_on=date(2027, 1, 1)
    )
    job = RoundJob.objects.create(round=rnd, kind="prepare", created_by=coordinator)
    return {
        "round": rnd,
        "run": run,
        "match": match,
        "objection": objection,
        "step": step,
        "job": job,
    }


def _unprotected(request):
    return HttpResponse("open")


@allow_roles(Role.STUDENT)
def _students(request):
    return HttpResponse("students")


urlpatterns = [
    path("open/", _unprotected),
    path("students/", _students),
    path("", include("stagematching.urls")),
]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_view_without_roles_is_refused(users_by_role) -> None:
    client = Client()
    client.force_login(users_by_role[Role.INSTITUTION_ADMIN])
    assert client.get("/open/").status_code == 403
    assert client.get("/students/").status_code == 403
    client.force_login(users_by_role[Role.STUDENT])
    assert client.get("/students/").content == b"students"


@pytest.mark.django_db
def test_navigation_shows_only_own_part(users_by_role) -> None:
    client = Client()
    client.force_login(users_by_role[Role.STUDENT])
    html = client.get(reverse("students:home")).content.decode()
    assert f'href="{reverse("students:home")}"' in html
    assert f'href="{reverse("matching:dashboard")}"' not in html
    assert f'href="{reverse("students:staff-list")}"' not in html
    client.force_login(users_by_role[Role.COORDINATOR])
    html = client.get(reverse("matching:dashboard")).content.decode()
    assert f'href="{reverse("students:staff-list")}"' in html
    assert f'href="{reverse("students:home")}"' not in html
    assert reverse("admin:index") not in html
    client.force_login(users_by_role[Role.INSTITUTION_ADMIN])
    assert reverse("admin:index") in client.get(reverse("matching:dashboard")).content.decode()


@pytest.mark.django_db
def test_only_institution_admins_reach_django_admin(users_by_role) -> None:
    for role, user in users_by_role.items():
        client = Client()
        client.force_login(user)
        status = client.get(reverse("admin:students_student_changelist")).status_code
        assert status == (200 if role == Role.INSTITUTION_ADMIN else 302), role
