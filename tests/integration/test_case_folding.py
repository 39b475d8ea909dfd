"""Both databases fold case as the domain does, for every character, not only ASCII letters."""

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.migrations import upgrade
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.application.errors import EmailTaken
from boxoffice.domain.case import fold_case
from tests.builders import a_user

SURROGATES = range(0xD800, 0xE000)
# Every character of the basic and the supplementary multilingual planes but NUL.
EVERY_CHARACTER = "".join(chr(c) for c in range(1, 0x20000) if c not in SURROGATES)


async def test_the_database_lower_agrees_with_fold_case_on_every_character(
    engine: AsyncEngine,
) -> None:
    async with engine.connect() as conn:
        lowered = (await conn.execute(text("SELECT lower(:t)"), {"t": EVERY_CHARACTER})).scalar()

    assert isinstance(lowered, str)
    differing = [
        (hex(ord(c)), f) for c, f in zip(EVERY_CHARACTER, lowered, strict=True) if f != fold_case(c)
    ]
    assert differing == []


def test_fold_case_maps_one_character_to_one_without_context() -> None:
    assert fold_case("ÄRGER@Example.COM") == "ärger@example.com"
    assert fold_case("ΟΔΟΣ") == "οδοσ"  # no final sigma: PostgreSQL has no context either
    assert fold_case("İ") == "i"
    assert fold_case("STRASSE ẞ") == "strasse ß"


async def made_before_unicode_folding(path: Path, *emails: str) -> None:
    """A SQLite database at revision 0006 whose users were indexed by SQLite's own lower()."""
    plain = create_async_engine(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(plain, "0006")
        for n, email in enumerate(emails):
            async with SqlAlchemyUnitOfWork(plain) as uow:
                await uow.users.add(a_user(f"user{n}", email=email))
                await uow.commit()
    finally:
        await plain.dispose()


async def test_upgrading_an_older_sqlite_database_indexes_its_emails_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "older.db"
    await made_before_unicode_folding(path, "Ärger@example.com")
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(engine)
        async with SqlAlchemyUnitOfWork(engine) as uow:
            with pytest.raises(EmailTaken):
                await uow.users.add(a_user("other", email="ärger@example.com"))
    finally:
        await engine.dispose()


async def test_an_older_sqlite_database_holding_two_addresses_that_now_fold_alike_stops_the_upgrade(
    tmp_path: Path,
) -> None:
    path = tmp_path / "older.db"
    await made_before_unicode_folding(path, "Ärger@example.com", "ärger@example.com")
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        with pytest.raises(IntegrityError, match="UNIQUE"):
            await upgrade(engine)
    finally:
        await engine.dispose()
