"""`make run` runs the whole system: its worker and beat (Procfile.dev, on the embedded
broker that needs nothing installed) send a round's release mail at the moment, and Ctrl+C
stops every process. This starts the real processes with honcho, as `make run` does."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from accounts.models import OutboxMessage, OutboxStatus
from matching.services import review, rounds_release
from matching.tests.conftest import build_world, to_review

ROOT = Path(settings.BASE_DIR)
WAIT_AFTER_MOMENT = 60  # seconds: the promise is "within a minute of the moment"


def _database_url(tmp_path: Path) -> str:
    """The test database as the processes must see it: PostgreSQL's test database as is; an
    in-memory SQLite test database copied into a file."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


def _statuses(url: str) -> dict[str, int]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            rows = db.execute(
                "SELECT status, COUNT(*) FROM accounts_outboxmessage GROUP BY status"
            ).fetchall()
        return dict(rows)
    counts: dict[str, int] = {}
    for status in OutboxMessage.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


@pytest.mark.django_db(transaction=True)
def test_make_run_sends_the_release_mail_at_the_moment_and_stops_on_ctrl_c(tmp_path) -> None:
    world = build_world()
    to_review(world)
    rnd = world.refresh()
    for match in rnd.matches.filter(offer__isnull=False):
        review.match_approve(match=match, by=world.reviewer2, opened=True)
        review.match_approve(match=match, by=world.coordinator, opened=True)
    rounds_release.round_approve(round=rnd, by=world.coordinator)
    recipients = {s.user.email for s in world.students} | {world.counsellor.email}
    recipients |= {
        c.user.email for c in world.contacts if rnd.matches.filter(offer__company=c.company)
    }
    url = _database_url(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "filesystem://localhost/",
        "CELERY_DATA_DIR": str(tmp_path / "celery"),
        "EMAIL_URL": "",  # development mail: one file per batch in EMAIL_FILE_PATH
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "PYTHONUNBUFFERED": "1",
    }
    proc = subprocess.Popen(
        [str(ROOT / ".venv/bin/honcho"), "-f", "Procfile.dev", "start", "worker", "beat"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen: dict[str, float] = {}
    lines: list[str] = []
    mail_dir = tmp_path / "mail"
    stop = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)

    def watch() -> None:
        """When each address first appears in the development mail folder."""
        while not stop.is_set():
            for path in mail_dir.glob("*") if mail_dir.exists() else []:
                for address in re.findall(r"^To: (\S+@\S+)$", path.read_text(), re.M):
                    seen.setdefault(address, time.time())
            time.sleep(0.1)

    for job in (read, watch):
        threading.Thread(target=job, daemon=True).start()
    try:
        # The coordinator releases from the web process (here: a manage.py process with the
        # same settings), for a moment a little later, while worker and beat are running.
        moment = timezone.now() + dt.timedelta(seconds=12)
        release = (
            "from django.utils.dateparse import parse_datetime\n"
            "from accounts.models import User\n"
            "from accounts.tenancy import school_scope\n"
            "from matching.models import Round\n"
            "from matching.services.rounds_release import round_release\n"
            f"with school_scope({rnd.institution_id}):\n"
            f"    round_release(round=Round.objects.get(pk={rnd.pk}), by=User.objects.get(pk="
            f"{world.coordinator.pk}), at=parse_datetime('{moment.isoformat()}'), confirmed=True)"
        )
        subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", "shell", "-c", release],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        deadline = moment.timestamp() + WAIT_AFTER_MOMENT
        while time.time() < deadline and not recipients <= set(seen):
            time.sleep(0.5)
        arrived = {r: seen[r] for r in recipients if r in seen}
        assert recipients <= set(arrived), "".join(lines[-40:])
        first, last = min(arrived.values()), max(arrived.values())
        print(
            f"\nmake run: {len(arrived)} release mails, the first {first - moment.timestamp():.1f}"
            f" s and the last {last - moment.timestamp():.1f} s after the moment"
        )
        assert first >= moment.timestamp()  # nothing before the moment
        time.sleep(2)
        assert _statuses(url) == {OutboxStatus.SENT: len(recipients)}
        pids = [int(p) for p in re.findall(r"started \(pid=(\d+)\)", "".join(lines))]
        assert len(pids) == 2
    finally:
        stop.set()
        proc.send_signal(signal.SIGINT)  # Ctrl+C
        proc.wait(timeout=30)
    time.sleep(1)
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    # Every message once: each address is in the mail folder one time, and no address is in
    # the processes' output.
    written = "".join(p.read_text() for p in mail_dir.glob("*"))
    output = "".join(lines)
    for r in recipients:
        assert written.count(f"To: {r}\n") == 1 and r not in output, r
