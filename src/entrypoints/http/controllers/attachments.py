from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Stream
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT, HTTP_302_FOUND

from boxoffice.application.services.auth import Principal
from boxoffice.application.services.disposition import content_disposition
from boxoffice.application.use_cases.delete_attachment import (
    DeleteAttachment,
    DeleteAttachmentCommand,
)
from boxoffice.application.use_cases.download_attachment import (
    DownloadAttachment,
    DownloadAttachmentQuery,
)
from boxoffice.application.use_cases.list_attachments import ListAttachments
from boxoffice.application.use_cases.upload_attachment import (
    UploadAttachment,
    UploadAttachmentCommand,
)
from boxoffice.entrypoints.edge.dependencies import BEARER
from boxoffice.entrypoints.http.schemas.attachments import AttachmentOut
from boxoffice.entrypoints.http.uploads import receive_file
from boxoffice.entrypoints.settings import Settings

NOSNIFF = {"X-Content-Type-Options": "nosniff"}


class AttachmentController(Controller):
    path = "/events/{event_id:uuid}/attachments"
    tags = ["attachments"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Attach a file: PNG, JPEG, WebP or PDF (owner or admin)",
        description="multipart/form-data with one part, `file`. The declared type, the file "
        "name's extension and the content must agree; images lose their EXIF GPS position.",
        security=BEARER,
        request_max_body_size=None,  # bounded at the edge and while streaming the file
    )
    async def upload(
        self,
        event_id: FromPath[UUID],
        request: Request[Any, Any, Any],
        principal: NamedDependency[Principal],
        upload_attachment: NamedDependency[UploadAttachment],
        settings: NamedDependency[Settings],
        display_zone: NamedDependency[ZoneInfo],
    ) -> AttachmentOut:
        received = await receive_file(request, settings.storage.attachment_max_bytes)
        with received.content:
            command = UploadAttachmentCommand(
                principal, event_id, received.name, received.content_type, received.content
            )
            attachment = await upload_attachment.execute(command)
        return AttachmentOut.from_attachment(attachment, display_zone)

    @get("/", summary="An event's attachments, oldest first")
    async def list_attachments(
        self,
        event_id: FromPath[UUID],
        list_attachments: NamedDependency[ListAttachments],
        display_zone: NamedDependency[ZoneInfo],
    ) -> list[AttachmentOut]:
        found = await list_attachments.execute(event_id)
        return [AttachmentOut.from_attachment(a, display_zone) for a in found]

    @get(
        "/{attachment_id:uuid}",
        summary="Download an attachment: streamed, or a redirect to a short-lived storage URL",
        status_code=200,
    )
    async def download(
        self,
        event_id: FromPath[UUID],
        attachment_id: FromPath[UUID],
        download_attachment: NamedDependency[DownloadAttachment],
    ) -> Response[Any]:
        download = await download_attachment.execute(
            DownloadAttachmentQuery(event_id, attachment_id)
        )
        attachment = download.attachment
        headers = {**NOSNIFF, "Content-Disposition": content_disposition(attachment.name)}
        if download.url is not None:
            return Redirect(download.url, status_code=HTTP_302_FOUND, headers=headers)
        headers["Content-Length"] = str(attachment.size)
        return Stream(download.chunks or (), media_type=attachment.kind.value, headers=headers)

    @delete(
        "/{attachment_id:uuid}",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove an attachment (owner or admin)",
        security=BEARER,
    )
    async def remove(
        self,
        event_id: FromPath[UUID],
        attachment_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        delete_attachment: NamedDependency[DeleteAttachment],
    ) -> None:
        await delete_attachment.execute(DeleteAttachmentCommand(principal, event_id, attachment_id))
