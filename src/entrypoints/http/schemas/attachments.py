from datetime import datetime, tzinfo
from uuid import UUID

import msgspec

from boxoffice.domain.attachments import Attachment


def attachment_path(event_id: UUID, attachment_id: UUID) -> str:
    return f"/events/{event_id}/attachments/{attachment_id}"


class AttachmentOut(msgspec.Struct):
    id: UUID
    event_id: UUID
    name: str
    content_type: str
    size: int
    sha256: str
    url: str  # where it downloads: here, redirected to the storage where it signs URLs
    created_at: datetime

    @classmethod
    def from_attachment(cls, attachment: Attachment, tz: tzinfo) -> "AttachmentOut":
        return cls(
            id=attachment.id,
            event_id=attachment.event_id,
            name=attachment.name,
            content_type=attachment.kind.value,
            size=attachment.size,
            sha256=attachment.sha256,
            url=attachment_path(attachment.event_id, attachment.id),
            created_at=attachment.created_at.astimezone(tz),
        )
