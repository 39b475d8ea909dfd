"""The filters of an event list, in one place, as clauses with named bind parameters.

A filter that applies gives its parameters; the names of those that apply are the list's
shape, so one statement per shape is built once and reused with new values. A new filter is
one more entry in FILTERS.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, or_, select

from boxoffice.adapters.sqlalchemy import near
from boxoffice.adapters.sqlalchemy.tables import event_tags, events
from boxoffice.application.models.queries import EventFilter, EventOrder
from boxoffice.domain.case import fold_case
from boxoffice.domain.events import EventStatus

Params = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Filter:
    name: str
    clause: Callable[[], ColumnElement[bool]]  # built once per shape, with bindparam(...)s
    params: Callable[[EventFilter, datetime], Params | None]  # None: the filter is off


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _text_clause() -> ColumnElement[bool]:
    columns = (events.c.title, events.c.description, events.c.location)
    return or_(*(func.lower(c).like(bindparam("pattern"), escape="\\") for c in columns))


def _text(query: EventFilter, _: datetime) -> Params | None:
    if not query.text:
        return None
    return {"pattern": f"%{_escape_like(fold_case(query.text.strip()))}%"}


def _not_over(query: EventFilter, now: datetime) -> Params | None:
    # Active events without a lower bound are those not over yet.
    if query.starts_from is None and query.status is EventStatus.ACTIVE:
        return {"now": now}
    return None


def _tagged() -> ColumnElement[bool]:
    return events.c.id.in_(
        select(event_tags.c.event_id).where(event_tags.c.tag == bindparam("tag"))
    )


FILTERS: tuple[Filter, ...] = (
    Filter(
        "status",
        lambda: events.c.status == bindparam("status"),
        lambda q, _: {"status": q.status.value},
    ),
    Filter(
        "source",
        lambda: events.c.source == bindparam("source"),
        lambda q, _: None if q.source is None else {"source": q.source.value},
    ),
    Filter(
        "starts_from",
        lambda: events.c.start_time >= bindparam("starts_from"),
        lambda q, _: None if q.starts_from is None else {"starts_from": q.starts_from},
    ),
    Filter("not_over", lambda: events.c.end_time > bindparam("now"), _not_over),
    Filter(
        "starts_before",
        lambda: events.c.start_time < bindparam("starts_before"),
        lambda q, _: None if q.starts_before is None else {"starts_before": q.starts_before},
    ),
    Filter(
        "city",
        lambda: func.lower(events.c.city) == bindparam("city"),
        lambda q, _: {"city": fold_case(q.city.strip())} if q.city else None,
    ),
    Filter(
        "tag",
        _tagged,
        lambda q, _: {"tag": q.tag.strip().lower()} if q.tag else None,
    ),
    Filter("text", _text_clause, _text),
    Filter("near", near.within, near.near_params),
    Filter("near_one_range", near.one_longitude_range, near.one_range_params),
    Filter("near_two_ranges", near.two_longitude_ranges, near.two_range_params),
)
_BY_NAME = {f.name: f for f in FILTERS}


def applied(query: EventFilter, now: datetime) -> tuple[tuple[str, ...], Params]:
    """The shape (names of the filters that apply, in order) and their parameters."""
    shape: list[str] = []
    params: Params = {}
    for f in FILTERS:
        given = f.params(query, now)
        if given is not None:
            shape.append(f.name)
            params |= given
    return tuple(shape), params


def clauses(shape: tuple[str, ...]) -> list[ColumnElement[bool]]:
    return [_BY_NAME[name].clause() for name in shape]


def conditions(query: EventFilter, now: datetime) -> tuple[list[ColumnElement[bool]], Params]:
    """The WHERE clauses of `query` and the parameters to execute them with."""
    shape, params = applied(query, now)
    return clauses(shape), params


def ordering(query: EventFilter) -> tuple[str, list[ColumnElement[Any]]]:
    """The list's order, named (a part of its shape), and its ORDER BY: soonest first, or
    nearest first (then soonest) when `near` is given with `sort=distance`."""
    soonest: list[ColumnElement[Any]] = [events.c.start_time, events.c.id]
    if query.order is EventOrder.DISTANCE and query.near is not None:
        return "distance", [near.haversine(), *soonest]
    return "soonest", soonest
