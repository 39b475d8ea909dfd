from collections.abc import Iterable
from typing import Protocol
from uuid import UUID

from boxoffice.domain.attachments import Attachment


class AttachmentRepository(Protocol):
    async def add(self, attachment: Attachment) -> None: ...

    async def get(self, event_id: UUID, attachment_id: UUID) -> Attachment | None:
        """The attachment, only when it belongs to this event."""

    async def list_for_event(self, event_id: UUID) -> list[Attachment]:
        """Oldest first."""

    async def delete(self, attachment_id: UUID) -> None:
        """Also unsets it as its event's chosen attachment."""

    async def keys_for_event(self, event_id: UUID) -> set[str]: ...

    async def keys_in_use(self, keys: Iterable[str]) -> set[str]:
        """Those of `keys` that some attachment (of any event) still stores its bytes under."""
