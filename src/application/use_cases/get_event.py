from uuid import UUID

from boxoffice.application.errors import EventNotFound
from boxoffice.application.models.event_views import EventView
from boxoffice.application.ports.event_reads import EventReads


class GetEvent:
    def __init__(self, reads: EventReads) -> None:
        self._reads = reads

    async def execute(self, event_id: UUID) -> EventView:
        view = await self._reads.one(event_id)
        if view is None:
            raise EventNotFound
        return view
