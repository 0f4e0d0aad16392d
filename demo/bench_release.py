"""`make bench-release`: everyone logs in at the release moment, measured.

Builds ROC De Regio with N students (`demo.large`), runs one round to a release "now" through
the real services (`demo.bench_web.run_round`), then serves the production settings through
gunicorn, started from the `web:` line of a Procfile, on the same PostgreSQL database, and
sends the crowd (`demo.stampede`): N students arrive within 2 seconds, at most 100 at once,
each opening the link from the release e-mail, logging in, and opening their result page and
their data download; then 200 company contacts do the same with their students' page. It
prints p50/p95/p99/max per step, when the last student saw their result, the errors, and
checks that every student saw exactly their own match (and every company exactly its own
students). Figures, never assertions: a benchmark on a shared machine reports.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse
from django.utils import timezone

from accounts.hashers import Argon2idPasswordHasher
from accounts.models import Role, User
from companies.models import CompanyContact
from demo import large
from demo.bench_web import Report, _clear_previous, run_round
from demo.school import DEMO_PASSWORD
from demo.stampede import Server, Timings, Visit, VisitError, percentile, stampede
from matching.models import Round

SPREAD_SECONDS = 2.0
CONCURRENCY = 100
PLACED = re.compile(r"Je stage is bij ([^<]+)</h1>")
EMAIL = re.compile(r'href="mailto:([^"]+)"')
HASHERS = {"argon2id": Argon2idPasswordHasher, "pbkdf2": PBKDF2PasswordHasher}


@dataclass(frozen=True)
class Expected:
    students: dict[str, str | None]  # e-mail -> company legal name (None: no placement)
    contacts: dict[str, set[str]]  # e-mail -> the e-mail addresses of its placed students


def build(n_students: int) -> tuple[Round, float]:
    """The school and a round released now; returns the round and the build time."""
    start = time.perf_counter()
    school = large.large_load(n_students)
    _clear_previous(school)
    rnd = run_round(Report(n_students, "postgresql"), school, lambda _r, _run: None)
    return rnd, time.perf_counter() - start


def set_passwords(rnd: Round, hasher: str) -> int:
    """Every student and company contact of the school gets the demo password, stored with
    the given hasher (a former run's logins upgraded some: each run starts alike)."""
    chosen = HASHERS[hasher]()
    encoded = chosen.encode(DEMO_PASSWORD, chosen.salt())
    users = User.objects.filter(
        institution=rnd.institution, role__in=[Role.STUDENT, Role.COMPANY_CONTACT]
    )
    return users.update(password=encoded)


def expected(rnd: Round, n_contacts: int) -> Expected:
    students: dict[str, str | None] = dict.fromkeys(
        User.objects.filter(institution=rnd.institution, role=Role.STUDENT).values_list(
            "email", flat=True
        )
    )
    per_company: dict[int, set[str]] = {}
    for email, company_id, legal_name in rnd.matches.filter(offer__isnull=False).values_list(
        "profile__student__user__email", "offer__company_id", "offer__company__legal_name"
    ):
        students[email] = legal_name
        per_company.setdefault(company_id, set()).add(email)
    contacts = {
        email: per_company[company_id]
        for email, company_id in CompanyContact.objects.filter(company_id__in=per_company)
        .order_by("pk")
        .values_list("user__email", "company_id")[:n_contacts]
    }
    return Expected(students, contacts)


def student_visit(email: str, company: str | None) -> Callable[[Visit], float]:
    def visit(v: Visit) -> float:
        result = reverse("matching:result")
        if v.log_in(result, email, DEMO_PASSWORD) != result:
            raise VisitError("login did not lead to the result page")
        status, _, page = v.step("result page", "GET", result)
        seen_at = time.perf_counter()
        shown = PLACED.search(page.decode())
        if status != 200:
            raise VisitError(f"result page: {status}")
        if (html.unescape(shown.group(1)) if shown else None) != company:
            raise VisitError("mix-up: result page")
        status, _, body = v.step("data download", "GET", reverse("students:my-data"))
        data = json.loads(body) if status == 200 else None
        if data is None:
            raise VisitError(f"data download: {status}")
        exported = data.get("match", {}).get("company")
        if data["account"]["email"] != email or exported != company:
            raise VisitError("mix-up: data download")
        return seen_at

    return visit


def contact_visit(email: str, students: set[str]) -> Callable[[Visit], float]:
    def visit(v: Visit) -> float:
        page_url = reverse("matching:company-results")
        if v.log_in(page_url, email, DEMO_PASSWORD) != page_url:
            raise VisitError("login did not lead to the students page")
        status, _, page = v.step("students page", "GET", page_url)
        if status != 200:
            raise VisitError(f"students page: {status}")
        if set(EMAIL.findall(page.decode())) != students:
            raise VisitError("mix-up: students page")
        return time.perf_counter()

    return visit


def procfile_web(server_dir: Path) -> str:
    """The `web:` command of the Procfile, with ${VAR:-default} filled in from the
    environment and bound to 127.0.0.1."""
    line = next(
        raw.split(":", 1)[1].strip()
        for raw in (server_dir / "Procfile").read_text().splitlines()
        if raw.startswith("web:")
    )
    line = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: os.environ.get(m.group(1), m.group(2)), line)
    return line.replace("0.0.0.0:", "127.0.0.1:")


class Gunicorn:
    """The web process of the Procfile in `server_dir`, with its own virtualenv, production
    settings (DJANGO_DEBUG=0) and this database; stopped with SIGTERM at the end."""

    def __init__(self, server_dir: Path, port: int, web: str | None, log: Path) -> None:
        self.server_dir = server_dir
        self.port = port
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS"))}
        env.update(
            PORT=str(port),
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_LOG_LEVEL="WARNING",
            DATABASE_URL=str(os.environ["DATABASE_URL"]),
            PATH=f"{server_dir / '.venv' / 'bin'}:{os.environ.get('PATH', '')}",
        )
        self.env = env
        python = str(server_dir / ".venv" / "bin" / "python")
        subprocess.run(
            [python, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=server_dir,
            env=env,
            check=True,
        )
        os.environ["PORT"] = str(port)
        self.command = web or procfile_web(server_dir)
        self.log = log.open("w")
        self.process = subprocess.Popen(
            self.command,
            shell=True,
            cwd=server_dir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 90.0) -> float:
        """Seconds until the login page answers."""
        start = time.perf_counter()
        url = f"http://127.0.0.1:{self.port}{reverse('accounts:login')}"
        while time.perf_counter() - start < timeout:
            try:
                request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s: see {self.log.name}")

    def cpu_seconds(self) -> float:
        """User + system CPU of the gunicorn processes so far: the live ones, and the workers
        that ended (--max-requests replaces them) through their parent's children fields."""
        tick = os.sysconf("SC_CLK_TCK")
        group = os.getpgid(self.process.pid)
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group:  # field 5 of /proc/pid/stat: the process group
                # utime, stime, and cutime, cstime (children waited for): fields 14-17
                total += sum(int(f) for f in fields[11:15])
        return total / tick

    def stop(self) -> None:
        os.killpg(os.getpgid(self.process.pid), signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(os.getpgid(self.process.pid), signal.SIGKILL)
        self.log.close()


@dataclass
class Phase:
    name: str
    timings: Timings
    wall: float
    server_cpu: float
    visitors: int
    load: float  # the machine's 1-minute load average when the phase ended


@dataclass
class Outcome:
    n_students: int
    label: str
    hasher: str
    command: str
    build_seconds: float
    ready_seconds: float
    phases: list[Phase]

    def markdown(self) -> str:
        rows = [
            "| step | requests | p50 s | p95 s | p99 s | max s |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        notes = []
        for phase in self.phases:
            t = phase.timings
            for step, values in t.steps.items():
                rows.append(_row(f"{phase.name}: {step}", values))
            goal = "saw their result" if phase.name == "students" else "saw their students"
            rows.append(_row(f"**{phase.name}: {goal}** (from the start)", t.done_at))
            slow = sum(1 for v in t.steps.values() for s in v if s > 10)
            mixups = sum(n for k, n in t.errors.items() if k.startswith("mix-up"))
            errors = ", ".join(f"{k}: {n}" for k, n in sorted(t.errors.items())) or "none"
            per_cpu = phase.visitors / phase.server_cpu if phase.server_cpu else 0.0
            last = max(t.done_at, default=0.0)
            notes.append(
                f"- {phase.name}: {phase.visitors:,} arrived within {SPREAD_SECONDS:.0f} s, "
                f"{CONCURRENCY} at once; the last one done after **{last:.1f} s**; "
                f"errors: {errors}; mix-ups: {mixups}; requests over 10 s: {slow}; "
                f"server CPU {phase.server_cpu:.1f} s = {per_cpu:.1f} {phase.name} per CPU-second; "
                f"load average {phase.load:.1f}"
            )
        head = (
            f"### {self.n_students:,} students · {self.label}\n\n"
            f"{timezone.now():%Y-%m-%d %H:%M} UTC · password hash: {self.hasher} · PostgreSQL · "
            f"{os.cpu_count()} cores · `{self.command}` · school and released round built in "
            f"{self.build_seconds:.0f} s · server answered {self.ready_seconds:.1f} s after start\n"
        )
        return "\n".join([head, *rows, "", *notes]) + "\n"


def _row(name: str, values: list[float]) -> str:
    cells = [percentile(values, p) for p in (50, 95, 99, 100)]
    return f"| {name} | {len(values):,} | " + " | ".join(f"{c:.2f}" for c in cells) + " |"


def run_phase(name: str, server: Gunicorn, visitors: list[Callable[[Visit], float]]) -> Phase:
    cpu = server.cpu_seconds()
    start = time.perf_counter()
    # As in production, the requests come through a TLS proxy (X-Forwarded-Proto: https).
    proxy = Server("127.0.0.1", server.port, behind_tls_proxy=True)
    timings, _ = stampede(proxy, visitors, spread=SPREAD_SECONDS, concurrency=CONCURRENCY)
    wall = time.perf_counter() - start
    used = server.cpu_seconds() - cpu
    return Phase(name, timings, wall, used, len(visitors), os.getloadavg()[0])


def bench(
    *,
    n_students: int,
    n_contacts: int,
    hasher: str,
    server_dir: Path,
    port: int,
    web: str | None,
    label: str,
) -> Outcome:
    assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    rnd, build_seconds = build(n_students)
    set_passwords(rnd, hasher)
    want = expected(rnd, n_contacts)
    server = Gunicorn(server_dir, port, web, Path(f"/tmp/bench-release-{port}.log"))
    try:
        ready = server.wait_ready()
        phases = [
            run_phase("students", server, [student_visit(e, c) for e, c in want.students.items()]),
            run_phase("companies", server, [contact_visit(e, s) for e, s in want.contacts.items()]),
        ]
    finally:
        server.stop()
    return Outcome(n_students, label, hasher, server.command, build_seconds, ready, phases)
