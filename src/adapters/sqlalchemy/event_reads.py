"""The read side of events: one statement per answer, built once per shape, on a connection
that runs no transaction, rows mapped straight to views.

A page's `total` is counted in the same statement, but only up to a bound past the page, so
a page costs the same whatever the catalogue's size. A viewer's page also says, in the same
statement, whether the viewer is still a user: a token that outlived its account is refused
without a read of its own.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Select, and_, bindparam, exists, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.sqlalchemy import event_filters
from boxoffice.adapters.sqlalchemy.errors import outages_as_unavailable
from boxoffice.adapters.sqlalchemy.event_rows import (
    ATTRACTION_LIST,
    SHOWN_ATTACHMENT,
    TAG_LIST,
    VENUE_COLUMNS,
    coordinates_of,
    listing_of,
    split_list,
)
from boxoffice.adapters.sqlalchemy.tables import events, saved_events, users, venues
from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.models.event_views import EventView
from boxoffice.application.models.pagination import TOTAL_BOUND, Page
from boxoffice.application.models.queries import EventFilter
from boxoffice.domain.events import EventStatus
from boxoffice.domain.listings import EventSource

_NOT_READ = {"content_hash", "synced_at", "venue_id"}
_COLUMNS = [c for c in events.c if c.name not in _NOT_READ]
_FROM = events.outerjoin(venues, venues.c.id == events.c.venue_id)
_VIEW = select(*_COLUMNS, TAG_LIST, ATTRACTION_LIST, SHOWN_ATTACHMENT, *VENUE_COLUMNS).select_from(
    _FROM
)
_SAVED = (
    exists()
    .where(saved_events.c.user_id == bindparam("viewer"), saved_events.c.event_id == events.c.id)
    .label("saved")
)
_VIEWER_KNOWN = exists().where(users.c.id == bindparam("viewer"))
_IS_VIEWER_KNOWN = select(_VIEWER_KNOWN)
# One row per saved event among the ids (event_id null when none), none for an unknown user.
_SAVED_AMONG = (
    select(saved_events.c.event_id)
    .select_from(
        users.outerjoin(
            saved_events,
            and_(
                saved_events.c.user_id == users.c.id,
                saved_events.c.event_id.in_(bindparam("event_ids", expanding=True)),
            ),
        )
    )
    .where(users.c.id == bindparam("viewer"))
)
_ONE = _VIEW.where(events.c.id == bindparam("event_id"))
_LOCAL = EventSource.LOCAL.value


def _bounded_count(shape: tuple[str, ...]) -> Select[Any]:
    matching = select(events.c.id).where(*event_filters.clauses(shape))
    return select(func.count()).select_from(matching.limit(bindparam("count_limit")).subquery())


def page_statement(
    shape: tuple[str, ...], signed_in: bool, order_by: list[ColumnElement[Any]]
) -> Select[Any]:
    counted = _bounded_count(shape).scalar_subquery().label("total_")
    viewer = [_SAVED, _VIEWER_KNOWN.label("viewer_known_")] if signed_in else []
    statement = _VIEW.add_columns(counted, *viewer)
    return (
        statement.where(*event_filters.clauses(shape))
        .order_by(*order_by)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


def to_view(row: Row[Any], saved: bool | None = None) -> EventView:
    return EventView(
        id=row.id,
        title=row.title,
        description=row.description,
        location=row.location,
        city=row.city,
        start_time=row.start_time,
        end_time=row.end_time,
        timezone=row.timezone,
        capacity=row.capacity,
        seats_taken=row.seats_taken,
        price=row.price,
        currency=row.currency,
        status=EventStatus(row.status),
        tags=tuple(split_list(row.tag_list)),
        created_by=row.created_by,
        created_at=row.created_at,
        registration_requires_sign_in=row.registration_requires_sign_in,
        listing=None if row.source == _LOCAL else listing_of(row),
        saved=saved,
        coordinates=coordinates_of(row),
        shown_attachment_id=row.shown_attachment_id,
    )


class SqlAlchemyEventReads:
    """Give it an engine made for reads (`create_read_engine`): no BEGIN, no pre-ping."""

    def __init__(self, engine: AsyncEngine, total_bound: int = TOTAL_BOUND) -> None:
        self._engine = engine
        self._total_bound = total_bound
        self._pages: dict[tuple[tuple[str, ...], bool, str], Select[Any]] = {}
        self._counts: dict[tuple[str, ...], Select[Any]] = {}

    async def page(
        self, query: EventFilter, now: datetime, viewer: UUID | None = None
    ) -> Page[EventView]:
        shape, params = event_filters.applied(query, now)
        request = query.page
        count_limit = request.offset + self._total_bound + 1
        params |= {"limit": request.size, "offset": request.offset, "count_limit": count_limit}
        if viewer is not None:
            params["viewer"] = viewer
        order, order_by = event_filters.ordering(query)
        key = (shape, viewer is not None, order)
        if key not in self._pages:
            self._pages[key] = page_statement(shape, viewer is not None, order_by)
        rows = await self._read(self._pages[key], params)
        if viewer is not None:
            await self._refuse_unknown(rows, params)
        if rows:
            total = int(rows[0].total_)
        elif request.offset == 0:
            total = 0
        else:  # past the end: the total still says how far the list goes
            if shape not in self._counts:
                self._counts[shape] = _bounded_count(shape)
            total = int((await self._read(self._counts[shape], params))[0][0])
        views = [to_view(row, row.saved if viewer is not None else None) for row in rows]
        return Page(views, request.page, request.size, total, total < count_limit)

    async def _refuse_unknown(self, rows: Sequence[Row[Any]], params: dict[str, Any]) -> None:
        if rows:
            known = rows[0].viewer_known_
        else:  # an empty page: asked on its own
            known = (await self._read(_IS_VIEWER_KNOWN, params))[0][0]
        if not known:
            raise NotAuthenticated("the account of this token no longer exists")

    async def one(self, event_id: UUID) -> EventView | None:
        rows = await self._read(_ONE, {"event_id": event_id})
        return to_view(rows[0]) if rows else None

    async def saved_among(self, viewer: UUID, event_ids: Sequence[UUID]) -> frozenset[UUID]:
        rows = await self._read(_SAVED_AMONG, {"viewer": viewer, "event_ids": list(event_ids)})
        if not rows:
            raise NotAuthenticated("the account of this token no longer exists")
        return frozenset(row.event_id for row in rows if row.event_id is not None)

    async def _read(self, statement: Select[Any], params: dict[str, Any]) -> Sequence[Row[Any]]:
        with outages_as_unavailable():
            try:
                return await self._execute(statement, params)
            except DBAPIError as e:
                if not e.connection_invalidated:
                    raise
            # A pooled connection the database dropped while idle (a restart): the pool has
            # let go of it and its elders, and a read is safe to send again once.
            return await self._execute(statement, params)

    async def _execute(self, statement: Select[Any], params: dict[str, Any]) -> Sequence[Row[Any]]:
        async with self._engine.connect() as conn:
            rows: Sequence[Row[Any]] = (await conn.execute(statement, params)).all()
            return rows
