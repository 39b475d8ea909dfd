"""A database error names the statement but not its parameters (password hashes, e-mail
addresses), so an error logged on any path cannot carry them."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

PARAMETER = "$2b$04$a-password-hash-in-a-parameter"


async def test_a_failed_statement_does_not_quote_its_parameters(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        with pytest.raises(DBAPIError) as failed:
            await conn.execute(text("SELECT * FROM no_such_table WHERE x = :p"), {"p": PARAMETER})

    assert "no_such_table" in str(failed.value)
    assert PARAMETER not in str(failed.value)
