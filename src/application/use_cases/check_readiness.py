from boxoffice.application.errors import NotReady, StorageUnavailable
from boxoffice.application.ports.health import StorageProbe


class CheckReadiness:
    """Whether this process can serve: its database answers. NotReady otherwise."""

    def __init__(self, storage: StorageProbe) -> None:
        self._storage = storage

    async def execute(self) -> None:
        try:
            await self._storage.ping()
        except StorageUnavailable as e:
            raise NotReady("the database does not answer") from e
