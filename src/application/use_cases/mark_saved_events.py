from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from boxoffice.application.ports.event_reads import EventReads


@dataclass(frozen=True, slots=True)
class SavedAmong:
    viewer: UUID
    event_ids: Sequence[UUID]


class MarkSavedEvents:
    """Which of a page's events a signed-in viewer saved, read apart from the page itself, so
    that the page every caller shares can carry one viewer's flags; a token that outlived its
    user is refused here (NotAuthenticated), as its user's read would have refused it."""

    def __init__(self, reads: EventReads) -> None:
        self._reads = reads

    async def execute(self, query: SavedAmong) -> frozenset[UUID]:
        return await self._reads.saved_among(query.viewer, query.event_ids)
