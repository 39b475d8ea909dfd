"""The repository contract runs against every backend: the in-memory fake, SQLite, PostgreSQL."""

import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.application.ports.unit_of_work import UnitOfWork
from tests.fakes import ConstraintViolation, InMemoryStore, InMemoryUnitOfWork

NewUnitOfWork = Callable[[], UnitOfWork]

# What a backend raises for a schema rule that the adapters deliberately leave untranslated.
UNTRANSLATED = (IntegrityError, ConstraintViolation)


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """ "memory", or the URL of an empty migrated database of the backend under test.

    Mirrors the shared `database_url` fixture (a copy of the migrated SQLite template, or the
    truncated PostgreSQL test database) and adds the fake as a third backend.
    """
    if request.param == "sqlite":
        path = tmp_path / "contract.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite+aiosqlite:///{path}"
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return "memory"


@pytest.fixture
async def new_uow(backend: str) -> AsyncIterator[NewUnitOfWork]:
    """Makes units of work that all share one database of the backend under test."""
    if backend == "memory":
        store = InMemoryStore()
        yield lambda: InMemoryUnitOfWork(store)
        return
    engine = create_engine(backend)
    try:
        yield lambda: SqlAlchemyUnitOfWork(engine)
    finally:
        await engine.dispose()


@pytest.fixture
def uow(new_uow: NewUnitOfWork) -> UnitOfWork:
    return new_uow()
