from typing import Protocol


class StorageProbe(Protocol):
    async def ping(self) -> None:
        """Returns when the database answers a trivial query; raises StorageUnavailable."""
        ...


class StoreChanges(Protocol):
    """Whether anything may have been written to the database since the last look, by any
    process: what lets answers kept in memory live until a write rather than a fixed time."""

    async def changed(self) -> bool:
        """True when a write may have been committed since the previous call, and on the
        first; a false True costs a cache refill, a false False a stale answer, so an
        adapter errs towards True. Raises StorageUnavailable."""
        ...

    async def close(self) -> None:
        """Lets go of what the looks hold (a connection of their own)."""
        ...
