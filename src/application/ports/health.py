from typing import Protocol


class StorageProbe(Protocol):
    async def ping(self) -> None:
        """Returns when the database answers a trivial query; raises StorageUnavailable."""
        ...
