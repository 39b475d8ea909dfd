"""How many requests the seller's API may still receive today: its quota is per day, per key,
and every process that holds the key spends from the same one."""

from datetime import datetime
from typing import Protocol


class UpstreamBudget(Protocol):
    @property
    def per_day(self) -> int: ...

    async def spend(self, now: datetime) -> bool:
        """Counts one request on `now`'s UTC day; False once the day's budget is used up.

        Raises UpstreamUnavailable when the count cannot be kept (a request that cannot be
        counted is not sent)."""
        ...
