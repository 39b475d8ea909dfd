from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from boxoffice.application.models.pagination import PageRequest

TOTAL = "page_total_"


async def fetch_page(
    conn: AsyncConnection,
    query: Select[Any],
    page: PageRequest,
    params: dict[str, Any] | None = None,
) -> tuple[Sequence[Row[Any]], int]:
    """One page of `query` (already ordered) and the total it would give unpaged.

    The total rides along on every row as a window count, so a page costs one statement;
    only a page past the end needs a second one to learn the total.
    """
    counted = query.add_columns(func.count().over().label(TOTAL))
    rows = (await conn.execute(counted.limit(page.size).offset(page.offset), params)).all()
    if rows:
        return rows, int(rows[0]._mapping[TOTAL])
    if page.offset == 0:
        return rows, 0
    counting = select(func.count()).select_from(query.order_by(None).subquery())
    total = await conn.scalar(counting, params)
    return rows, int(total or 0)
