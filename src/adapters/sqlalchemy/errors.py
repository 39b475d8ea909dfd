"""Reading which constraint an IntegrityError broke, on PostgreSQL and on SQLite."""

from sqlalchemy.exc import IntegrityError


def violates(error: IntegrityError, constraint: str, sqlite_message: str | None = None) -> bool:
    """Whether `error` broke `constraint`.

    PostgreSQL names the constraint in its diagnostics. SQLite names CHECK constraints and
    unique indexes in its message, but a table's UNIQUE constraint only by its columns, which
    `sqlite_message` gives (e.g. "bookings.user_id, bookings.idempotency_key").
    """
    diag = getattr(error.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return bool(name == constraint)
    message = str(error.orig)
    return constraint in message or (sqlite_message is not None and sqlite_message in message)
