"""Writes for imported events: an upsert keyed by (source, external_id), the venue first.

Racing imports of one event are safe: the event's insert does nothing on a conflict, and its
update changes only a row whose content hash differs, so a second identical import leaves the
event, its tags and its attractions as they are (the venue's row is written again, with the
same values). The sync compares the content hashes first and skips unchanged events before
they get here.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.adapters.sqlalchemy.event_rows import event_columns, venue_columns
from boxoffice.adapters.sqlalchemy.tables import event_attractions, event_tags, events, venues
from boxoffice.application.models.imports import ImportOutcome
from boxoffice.domain.events import Event
from boxoffice.domain.listings import EventSource

HASH_BATCH = 500  # well below SQLite's limit of bound parameters per statement


def _insert(conn: AsyncConnection, table: Any) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


async def content_hashes(
    conn: AsyncConnection, source: EventSource, external_ids: Sequence[str]
) -> dict[str, str]:
    found: dict[str, str] = {}
    ids = list(dict.fromkeys(external_ids))
    for start in range(0, len(ids), HASH_BATCH):
        rows = await conn.execute(
            select(events.c.external_id, events.c.content_hash).where(
                events.c.source == source.value,
                events.c.external_id.in_(ids[start : start + HASH_BATCH]),
            )
        )
        found.update({row.external_id: row.content_hash or "" for row in rows})
    return found


async def upsert(conn: AsyncConnection, event: Event, now: datetime) -> ImportOutcome:
    listing = event.listing
    if listing is None:
        raise ValueError("only imported events are upserted")
    digest = event.content_hash()
    if listing.venue is not None:
        values = venue_columns(listing.venue)
        changes = {k: v for k, v in values.items() if k not in ("id", "source", "external_id")}
        await conn.execute(
            _insert(conn, venues)
            .values(values)
            .on_conflict_do_update(index_elements=["source", "external_id"], set_=changes)
        )
    columns = event_columns(event) | {"content_hash": digest, "synced_at": now}
    created = await conn.execute(
        _insert(conn, events)
        .values(columns | {"id": event.id, "created_at": now, "seats_taken": 0})
        .on_conflict_do_nothing(index_elements=["source", "external_id"])
        .returning(events.c.id)
    )
    # RETURNING rather than rowcount: psycopg reports -1 for INSERT ... ON CONFLICT.
    if created.first() is not None:
        await write_children(conn, event)
        return ImportOutcome.CREATED
    updated = await conn.execute(
        update(events)
        .where(
            events.c.source == listing.source.value,
            events.c.external_id == listing.external_id,
            events.c.content_hash.is_distinct_from(digest),
        )
        .values(columns)
        .returning(events.c.id)
    )
    if updated.first() is None:
        return ImportOutcome.UNCHANGED
    await write_children(conn, event, replace=True)
    return ImportOutcome.UPDATED


async def write_children(conn: AsyncConnection, event: Event, *, replace: bool = False) -> None:
    """Tags, and an imported event's attractions in their order."""
    if replace:
        await conn.execute(delete(event_tags).where(event_tags.c.event_id == event.id))
        await conn.execute(
            delete(event_attractions).where(event_attractions.c.event_id == event.id)
        )
    if event.details.tags:
        rows = [{"event_id": event.id, "tag": tag} for tag in event.details.tags]
        await conn.execute(insert(event_tags), rows)
    names = event.listing.attractions if event.listing else ()
    if names:
        rows = [{"event_id": event.id, "position": i, "name": n} for i, n in enumerate(names)]
        await conn.execute(insert(event_attractions), rows)
