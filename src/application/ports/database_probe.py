"""Whether the database answers: the readiness check's one question."""

from typing import Protocol, runtime_checkable


@runtime_checkable  # a handler's dependency: Litestar may check it against its annotation
class DatabaseProbe(Protocol):
    async def ping(self) -> None:
        """Returns once the database answers a trivial query; StorageUnavailable otherwise."""
