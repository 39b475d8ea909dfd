from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from application.pagination import PageRequest


async def fetch_page(
    conn: AsyncConnection, query: Select[Any], page: PageRequest
) -> tuple[Sequence[Row[Any]], int]:
    """One page of `query` (already ordered) and the total it would give unpaged: two queries."""
    total = await conn.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = (await conn.execute(query.limit(page.size).offset(page.offset))).all()
    return rows, int(total or 0)
