"""Response bodies to domain events: one bad event is skipped and logged, never the batch."""

from dataclasses import dataclass, field
from datetime import datetime

import msgspec
from loguru import logger

from boxoffice.adapters.ticketmaster import wire
from boxoffice.adapters.ticketmaster.mapper import Unmappable, to_event
from boxoffice.domain.events import Event


class MalformedResponse(ValueError):
    """The body is not the JSON shape the API documents (truncated, HTML, ...)."""


@dataclass(slots=True)
class Batch:
    events: list[Event] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (external id, reason)


def decode_search(body: bytes) -> wire.SearchResponse:
    try:
        return msgspec.json.decode(body, type=wire.SearchResponse)
    except msgspec.DecodeError as e:
        raise MalformedResponse(f"unreadable search response: {e}") from e


def decode_detail(body: bytes) -> msgspec.Raw:
    try:
        msgspec.json.decode(body)
    except msgspec.DecodeError as e:
        raise MalformedResponse(f"unreadable event response: {e}") from e
    return msgspec.Raw(body)


def map_events(raws: list[msgspec.Raw], now: datetime) -> Batch:
    batch = Batch()
    for raw in raws:
        try:
            tm = msgspec.json.decode(raw, type=wire.Event)
            batch.events.append(to_event(tm, now))
        except (msgspec.DecodeError, Unmappable) as e:
            event_id = _id_of(raw)
            logger.bind(external_id=event_id).warning("skipped Ticketmaster event: {}", e)
            batch.skipped.append((event_id, str(e)))
    return batch


def _id_of(raw: msgspec.Raw) -> str:
    try:
        return msgspec.json.decode(raw, type=wire.EventId).id
    except msgspec.DecodeError:
        return "?"
