"""How a committed change reaches the relay of its process at once, instead of at its next poll."""

from typing import Protocol


class OutboxSignal(Protocol):
    def wake(self) -> None:
        """Called after a transaction that added outbox messages committed. Must not block."""
