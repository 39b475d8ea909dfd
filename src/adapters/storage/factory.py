from pathlib import Path
from urllib.parse import unquote, urlsplit

from boxoffice.adapters.storage.filesystem import FilesystemFileStorage
from boxoffice.adapters.storage.s3_location import S3Location
from boxoffice.application.ports.file_storage import FileStorage


def file_storage_from_url(url: str, s3: S3Location | None = None) -> FileStorage:
    """`file://./attachments` (relative to the working directory) or `file:///abs/path`;
    `s3://bucket` with the rest of the location from the settings."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return FilesystemFileStorage(Path(unquote(parts.netloc + parts.path)))
    if parts.scheme == "s3" and s3 is not None:
        from boxoffice.adapters.storage.s3 import S3FileStorage  # boto3: only where it is used

        return S3FileStorage(s3)
    raise ValueError("a storage URL is file://PATH or s3://BUCKET")
