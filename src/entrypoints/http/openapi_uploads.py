"""What Litestar cannot see in the attachment routes, which read their own body and answer
either the file or a redirect: the multipart upload and both download answers."""

from litestar import Litestar
from litestar.openapi.spec import (
    Encoding,
    OpenAPIFormat,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    RequestBody,
    Schema,
)

from boxoffice.domain.attachments import FileKind
from boxoffice.entrypoints.http.uploads import FIELD
from boxoffice.entrypoints.settings import Settings

ATTACHMENTS = "/events/{event_id}/attachments"
TAKEN = tuple(kind.value for kind in FileKind)
ATTACHMENT = ATTACHMENTS + "/{attachment_id}"
_TEXT = Schema(type=OpenAPIType.STRING)
_BINARY = Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)
_DOWNLOAD_HEADERS: dict[str, OpenAPIHeader | Reference] = {
    "Content-Disposition": OpenAPIHeader(schema=_TEXT, description="attachment; its name"),
    "X-Content-Type-Options": OpenAPIHeader(schema=_TEXT, description="nosniff"),
}


def document_uploads(app: Litestar, settings: Settings) -> None:
    paths = app.openapi_schema.paths or {}
    upload = getattr(paths.get(ATTACHMENTS), "post", None)
    if isinstance(upload, Operation):
        most = settings.storage.attachment_max_bytes
        upload.request_body = RequestBody(
            required=True,
            description=f"one part, `{FIELD}`, of at most {most} bytes",
            content={
                "multipart/form-data": OpenAPIMediaType(
                    schema=_upload_schema(),
                    # The part's own Content-Type is required: it is the declared type.
                    encoding={FIELD: Encoding(content_type=", ".join(TAKEN))},
                )
            },
        )
    download = getattr(paths.get(ATTACHMENT), "get", None)
    if isinstance(download, Operation) and download.responses:
        download.responses["200"] = OpenAPIResponse(
            description="the file, streamed by the service (file storage)",
            content={
                kind: OpenAPIMediaType(
                    schema=Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)
                )
                for kind in TAKEN
            },
            headers=_DOWNLOAD_HEADERS,
        )
        download.responses["302"] = OpenAPIResponse(
            description="a short-lived URL the storage serves the file at (S3 storage)",
            headers={**_DOWNLOAD_HEADERS, "Location": OpenAPIHeader(schema=_TEXT)},
        )


def _upload_schema() -> Schema:
    return Schema(
        type=OpenAPIType.OBJECT,
        required=[FIELD],
        additional_properties=False,
        properties={
            FIELD: Schema(
                type=OpenAPIType.STRING,
                format=OpenAPIFormat.BINARY,
                description="PNG, JPEG, WebP or PDF; its part's Content-Type and file name "
                "must say the same",
            )
        },
    )
