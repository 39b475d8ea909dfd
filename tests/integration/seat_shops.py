"""The ports a seat sale goes through, on one backend: the in-memory fake, SQLite or PostgreSQL.

Each shop is built once per test on the database the contract's `backend` fixture gives, and
shared by the examples of a state machine run in one event loop (an engine's pooled
connections belong to the loop that opened them).
"""

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.ticket_sales import SqlAlchemyTicketSales
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.application.ports.ticket_sales import TicketSales
from boxoffice.application.ports.unit_of_work import UnitOfWork
from tests.fakes import InMemoryStore, InMemoryTicketSales, InMemoryUnitOfWork

T = TypeVar("T")


@dataclass(frozen=True)
class Shop:
    runner: asyncio.Runner
    new_uow: Callable[[], UnitOfWork]
    sales: TicketSales
    close: Callable[[], Coroutine[Any, Any, None]]

    def run(self, step: Coroutine[Any, Any, T]) -> T:
        """Runs one step to its end in the shop's event loop."""
        return self.runner.run(step)


async def _nothing() -> None:
    return None


def open_shop(runner: asyncio.Runner, backend: str) -> Shop:
    """`backend` is "memory" or the URL of a migrated database (see the `backend` fixture)."""
    if backend == "memory":
        store = InMemoryStore()
        return Shop(runner, lambda: InMemoryUnitOfWork(store), InMemoryTicketSales(store), _nothing)
    engine = create_engine(backend)
    return Shop(
        runner, lambda: SqlAlchemyUnitOfWork(engine), SqlAlchemyTicketSales(engine), engine.dispose
    )
