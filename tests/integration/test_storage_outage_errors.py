"""Which database errors mean "the database is away" (503, try again) and which do not."""

import psycopg
import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from boxoffice.adapters.sqlalchemy.errors import is_outage, outages_as_unavailable
from boxoffice.application.errors import StorageUnavailable

ORIGINAL = Exception("server closed the connection unexpectedly")


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("SELECT 1", {}, ORIGINAL),
        DBAPIError("SELECT 1", {}, ORIGINAL, connection_invalidated=True),
        PoolTimeout("QueuePool limit of size 10 overflow 10 reached"),
        psycopg.OperationalError("connection refused"),
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError(),
    ],
    ids=type,
)
def test_connection_level_errors_become_storage_unavailable(error: Exception) -> None:
    with pytest.raises(StorageUnavailable) as raised, outages_as_unavailable():
        raise error

    assert raised.value.__cause__ is error
    assert "unavailable" in str(raised.value)


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError("INSERT", {}, Exception("duplicate key")),
        ProgrammingError("SELECT nonsense", {}, Exception("syntax error")),
        DBAPIError("SELECT 1", {}, ORIGINAL, connection_invalidated=False),
        ValueError("not a database error"),
    ],
    ids=type,
)
def test_errors_of_the_request_itself_pass_unchanged(error: Exception) -> None:
    assert not is_outage(error)
    with pytest.raises(type(error)), outages_as_unavailable():
        raise error
