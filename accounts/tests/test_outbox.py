"""The e-mail pipeline: claimed per message, sent once, in batches over one connection,
permanent refusals failed and kept, transient errors retried with a backoff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core import mail
from django.utils import timezone

from accounts import outbox
from accounts.models import Institution, OutboxMessage, OutboxStatus, Role
from accounts.tests import smtp
from accounts.tests.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _hello(message: OutboxMessage) -> tuple[str, str]:
    return "Hallo", f"Bericht {message.context.get('n')}"


@pytest.fixture(autouse=True)
def _kind() -> Iterator[None]:
    outbox.register("test_hello", _hello)
    yield
    outbox.RENDERERS.pop("test_hello", None)


@pytest.fixture
def server(settings):
    srv, box, port = smtp.start()
    for key, value in smtp.smtp_settings(port).items():
        setattr(settings, key, value)
    yield box
    srv.shutdown()
    srv.server_close()


def _queue(*emails: str) -> list[OutboxMessage]:
    school = InstitutionFactory.create()
    users = [UserFactory.create(role=Role.STUDENT, email=e, institution=school) for e in emails]
    outbox.enqueue_many(
        outbox.Mail(recipient_id=u.pk, kind="test_hello", key="k", context={"n": i})
        for i, u in enumerate(users)
    )
    return list(OutboxMessage.objects.order_by("pk"))


def test_enqueueing_twice_with_the_same_key_stores_one_message() -> None:
    user = UserFactory.create(role=Role.STUDENT)
    for _ in range(3):
        outbox.enqueue(outbox.Mail(recipient_id=user.pk, kind="test_hello", key="once"))
    assert OutboxMessage.objects.filter(recipient=user).count() == 1


def test_a_batch_goes_over_one_connection_and_each_message_once(server) -> None:
    _queue(*(f"s{i}@example.nl" for i in range(7)))
    assert outbox.dispatch() == 7
    assert server.connections == 1 and len(server.messages) == 7
    assert sorted(r[0] for _s, r, _b in server.messages) == sorted(
        f"s{i}@example.nl" for i in range(7)
    )
    # A retried task, a second worker: nothing is sent again.
    assert outbox.dispatch() == 0 and len(server.messages) == 7
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_a_permanent_refusal_is_failed_shown_and_not_retried(server) -> None:
    _queue("a@example.nl", "permanent@example.nl", "b@example.nl")
    assert outbox.dispatch() == 2
    failed = OutboxMessage.objects.get(recipient__email="permanent@example.nl")
    assert failed.status == OutboxStatus.FAILED and failed.error.startswith("550")
    assert "permanent@" not in failed.error  # the error carries no address
    later = timezone.now() + dt.timedelta(days=1)
    assert outbox.dispatch(now=later) == 0 and len(server.messages) == 2
    # Once the address is fixed, the coordinator puts it back in the queue.
    failed.recipient.email = "fixed@example.nl"
    failed.recipient.save()
    assert outbox.retry_failed(OutboxMessage.objects.all()) == 1
    assert outbox.dispatch() == 1 and server.messages[-1][1] == ["fixed@example.nl"]


def test_a_transient_error_is_retried_with_a_backoff(server) -> None:
    _queue("a@example.nl", "tempfail@example.nl", "b@example.nl")
    now = timezone.now()
    # The server answered 451 about one message: the rest of the batch goes on at once.
    assert outbox.dispatch(now=now) == 2 and server.connections == 1
    waiting = OutboxMessage.objects.get(recipient__email="tempfail@example.nl")
    assert waiting.status == OutboxStatus.PENDING and waiting.attempts == 1
    assert waiting.send_after == now + outbox.backoff(1) and waiting.error.startswith("451")
    assert outbox.dispatch(now=now) == 0  # not before its backoff
    for attempt in range(2, outbox.MAX_ATTEMPTS + 1):
        now += outbox.backoff(attempt)
        outbox.dispatch(now=now)
    waiting.refresh_from_db()
    assert waiting.status == OutboxStatus.FAILED and waiting.attempts == outbox.MAX_ATTEMPTS
    assert [r for _s, r, _b in server.messages] == [["a@example.nl"], ["b@example.nl"]]


def test_refusals_and_a_dropped_connection_do_not_hold_up_the_batch(server) -> None:
    _queue(
        "a@example.nl",
        "permanent@example.nl",
        "b@example.nl",
        "dropped@example.nl",
        "c@example.nl",
        "tempfail@example.nl",
        "d@example.nl",
    )
    now = timezone.now()
    assert outbox.dispatch(now=now) == 4
    assert [r[0] for _s, r, _b in server.messages] == [
        "a@example.nl",
        "b@example.nl",
        "c@example.nl",
        "d@example.nl",
    ]
    assert server.connections == 2  # opened once more after the server hung up
    states = dict(OutboxMessage.objects.values_list("recipient__email", "status"))
    assert states["permanent@example.nl"] == OutboxStatus.FAILED
    assert states["dropped@example.nl"] == states["tempfail@example.nl"] == OutboxStatus.PENDING
    dropped = OutboxMessage.objects.get(recipient__email="dropped@example.nl")
    assert dropped.error == "SMTPServerDisconnected" and dropped.attempts == 1


def test_an_unreachable_server_leaves_everything_queued(settings) -> None:
    for key, value in smtp.smtp_settings(1).items():  # nothing listens on port 1
        setattr(settings, key, value)
    _queue("a@example.nl", "b@example.nl")
    assert outbox.dispatch() == 0
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {
        (OutboxStatus.PENDING, 0)
    }


def test_a_claimed_message_is_not_taken_twice_and_a_dead_claim_is_picked_up() -> None:
    _queue("a@example.nl", "b@example.nl")
    now = timezone.now()
    claimed = outbox._claim(now)  # a worker claims and dies before sending
    assert len(claimed) == 2
    assert outbox.dispatch(now=now) == 0 and mail.outbox == []
    assert outbox.dispatch(now=now + outbox.STALE_CLAIM + dt.timedelta(seconds=1)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.nl", "b@example.nl"]


def test_a_message_no_longer_needed_is_cancelled(settings) -> None:
    user = UserFactory.create(role=Role.STUDENT)
    user.set_password("al-geactiveerd-123")
    user.save()
    outbox.enqueue(outbox.Mail(recipient_id=user.pk, kind="invitation", key="inv"))
    assert outbox.dispatch() == 0 and mail.outbox == []
    assert OutboxMessage.objects.get().status == OutboxStatus.CANCELLED


def _memo_hello(message: OutboxMessage) -> tuple[str, str]:
    school_id = message.recipient.institution_id
    assert school_id is not None
    school = outbox.batch_memo(("school", school_id), lambda: Institution.objects.get(pk=school_id))
    return "Hallo", f"Bericht van {school.name}"


def _dispatch_queries(n: int) -> tuple[int, int]:
    """(all queries, queries reading a school) of dispatching n messages of one school."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    OutboxMessage.objects.all().delete()
    _queue(*(f"q{n}-{i}@example.nl" for i in range(n)))
    OutboxMessage.objects.update(kind="test_memo")
    with CaptureQueriesContext(connection) as queries:
        assert outbox.dispatch() == n
    schools = [q for q in queries if 'FROM "accounts_institution"' in q["sql"]]
    return len(queries), len(schools)


def test_a_batch_costs_the_same_few_queries_per_message_and_shares_what_it_renders(
    server,
) -> None:
    """The release burst: per message only its own mark; what the messages are about (the
    round, the school) is loaded once per batch (`batch_memo`), not once per message."""
    outbox.register("test_memo", _memo_hello)
    try:
        (small, small_schools), (large, large_schools) = _dispatch_queries(5), _dispatch_queries(15)
    finally:
        outbox.RENDERERS.pop("test_memo", None)
    assert small_schools == large_schools
    # The mark: an UPDATE in its own transaction (a savepoint inside a test; on PostgreSQL
    # with its SET LOCAL), and nothing else per message.
    assert (large - small) / 10 <= 5, (small, large)
    assert len(server.messages) == 20


def test_the_claim_is_a_plain_conditional_update_that_two_workers_cannot_both_win() -> None:
    """Under a school's scope a queryset update becomes `id IN (SELECT … JOIN …)`, and
    PostgreSQL does not re-check such a subquery after waiting for another worker's row lock:
    both workers would claim (and send) the same messages. The claim must be a plain
    `UPDATE … WHERE id IN (…) AND status = 'pending'`, checked again under each row's lock."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.tenancy import each_school

    _queue("a@example.nl", "b@example.nl")
    for _school in each_school():
        with CaptureQueriesContext(connection) as queries:
            claimed = outbox._claim(timezone.now())
        updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
        assert len(claimed) == 2 and len(updates) == 1
        assert "SELECT" not in updates[0] and "status" in updates[0]
