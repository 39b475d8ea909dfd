from boxoffice.application.errors import StorageUnavailable


class SwitchedStorageProbe:
    """A database that answers until `down` is set."""

    def __init__(self, down: bool = False) -> None:
        self.down = down

    async def ping(self) -> None:
        if self.down:
            raise StorageUnavailable("connection refused")
