"""The wire format of an EventChange: the bytes the service has always written, both ways."""

import dataclasses
from datetime import UTC, datetime
from uuid import UUID

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from boxoffice.application.models.messages import ChangeAction, EventChange
from boxoffice.application.ports.message_broker import BrokerMessage
from boxoffice.application.services.message_codec import UndecodableMessage, decode, encode


class EarlierWire(msgspec.Struct, frozen=True, kw_only=True):
    """The format as it was first written (with msgspec): outbox rows and queued messages of
    that time must still decode, and new ones must read the same."""

    version: int = 1
    id: UUID
    action: ChangeAction
    event_id: UUID
    title: str
    occurred_at: datetime
    actor: str
    creator_id: UUID | None
    recipients: list[UUID] | None


changes = st.builds(
    EventChange,
    id=st.uuids(),
    action=st.sampled_from(ChangeAction),
    event_id=st.uuids(),
    title=st.text(),
    occurred_at=st.datetimes(timezones=st.just(UTC)),
    actor=st.text(),
    creator_id=st.none() | st.uuids(),
    recipients=st.none() | st.lists(st.uuids(), max_size=4).map(tuple),
)


def earlier_bytes(change: EventChange) -> bytes:
    recipients = None if change.recipients is None else list(change.recipients)
    fields = {field.name: getattr(change, field.name) for field in dataclasses.fields(change)}
    return msgspec.json.encode(EarlierWire(**(fields | {"recipients": recipients})))


@given(changes)
def test_a_change_is_written_as_it_always_was(change: EventChange) -> None:
    message = encode(change)

    assert message.body == earlier_bytes(change)
    assert (message.id, message.routing_key) == (str(change.id), change.routing_key)


@given(changes)
def test_a_change_reads_back_as_itself(change: EventChange) -> None:
    assert decode(encode(change)) == change


@given(changes)
def test_a_message_written_earlier_reads_as_its_change(change: EventChange) -> None:
    assert (
        decode(BrokerMessage(str(change.id), change.routing_key, earlier_bytes(change))) == change
    )


def test_fields_it_does_not_know_are_ignored() -> None:
    change = EventChange(
        UUID(int=1), ChangeAction.UPDATED, UUID(int=2), "t", datetime(2026, 1, 1, tzinfo=UTC),
        "ann", UUID(int=3), (UUID(int=4),),
    )  # fmt: skip
    body = encode(change).body.replace(b'{"version":1,', b'{"version":2,"later":[1],')

    assert decode(BrokerMessage("m", "event.updated", body)) == change


GOOD_CHANGE = EventChange(
    UUID(int=1), ChangeAction.CREATED, UUID(int=2), "t", datetime(2026, 1, 1, tzinfo=UTC),
    "ann", None, None,
)  # fmt: skip
GOOD = encode(GOOD_CHANGE).body


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\xff\xfe",
        b"[]",
        b"[" * 100_000 + b"]" * 100_000,
        b"null",
        GOOD.replace(b'"action":"created"', b'"action":"renamed"'),
        GOOD.replace(b'"version":1', b'"version":true'),
        GOOD.replace(b'"version":1', b'"version":"1"'),
        GOOD.replace(b'"title":"t",', b""),
        GOOD.replace(b'"title":"t"', b'"title":7'),
        GOOD.replace(b'"id":"00000000-0000-0000-0000-000000000001"', b'"id":"not-a-uuid"'),
        GOOD.replace(b'"id":"00000000-0000-0000-0000-000000000001"', b'"id":1'),
        GOOD.replace(b"2026-01-01T00:00:00Z", b"yesterday"),
        GOOD.replace(b"2026-01-01T00:00:00Z", b"2026-01-01"),
        GOOD.replace(b'"recipients":null', b'"recipients":["x"]'),
        GOOD.replace(b'"recipients":null', b'"recipients":"everyone"'),
        GOOD.replace(b'"creator_id":null', b'"creator_id":5'),
    ],
)
def test_a_body_that_is_no_change_is_undecodable(body: bytes) -> None:
    with pytest.raises(UndecodableMessage, match="message m7"):
        decode(BrokerMessage("m7", "event.created", body))
