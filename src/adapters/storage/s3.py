"""Files in a bucket of any S3-compatible store (AWS S3, MinIO, ...), through boto3.

boto3 is synchronous: each call runs in a worker thread (its clients are thread-safe), which
keeps one well-known library, its retries and its request signing, instead of aioboto3's
pinned copy of botocore.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any, BinaryIO, TypeVar

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from boxoffice.adapters.storage.s3_location import S3Location
from boxoffice.application.errors import FileMissing, FileStorageUnavailable
from boxoffice.application.services.disposition import content_disposition
from boxoffice.domain.attachments import FileKind

CHUNK_BYTES = 1 << 16
MISSING = {"404", "NoSuchKey", "NotFound"}
T = TypeVar("T")


class S3FileStorage:
    def __init__(self, location: S3Location) -> None:
        self._bucket = location.bucket
        self._url_seconds = location.url_seconds
        self._client = _client(location, location.endpoint_url)
        public = location.public_endpoint_url
        self._presigner = _client(location, public) if public else self._client

    async def put(self, key: str, content: BinaryIO, size: int, kind: FileKind) -> None:
        def upload() -> None:
            content.seek(0)
            self._client.put_object(
                Bucket=self._bucket, Key=key, Body=content, ContentLength=size,
                ContentType=kind.value,
            )  # fmt: skip

        await _call(upload)

    async def open(self, key: str) -> AsyncIterator[bytes]:
        answer = await _call(lambda: self._client.get_object(Bucket=self._bucket, Key=key))
        return _chunks(answer["Body"])

    async def download_url(self, key: str, name: str, kind: FileKind) -> str | None:
        params = {
            "Bucket": self._bucket,
            "Key": key,
            "ResponseContentDisposition": content_disposition(name),
            "ResponseContentType": kind.value,
        }
        url: str = await _call(
            lambda: self._presigner.generate_presigned_url(
                "get_object", Params=params, ExpiresIn=self._url_seconds
            )
        )
        return url

    async def delete(self, key: str) -> None:
        await _call(lambda: self._client.delete_object(Bucket=self._bucket, Key=key))

    async def exists(self, key: str) -> bool:
        try:
            await _call(lambda: self._client.head_object(Bucket=self._bucket, Key=key))
        except FileMissing:
            return False
        return True


def _client(location: S3Location, endpoint_url: str | None) -> Any:
    config = Config(
        connect_timeout=location.timeout_seconds,
        read_timeout=location.timeout_seconds,
        retries={"max_attempts": 2, "mode": "standard"},
        signature_version="s3v4",
        s3={"addressing_style": "path"} if endpoint_url else {},
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=location.region,
        aws_access_key_id=location.access_key_id,
        aws_secret_access_key=location.secret_access_key,
        config=config,
    )


async def _chunks(body: Any) -> AsyncIterator[bytes]:
    try:
        while chunk := await _call(lambda: body.read(CHUNK_BYTES)):
            yield chunk
    finally:
        body.close()


async def _call(work: Callable[[], T]) -> T:
    try:
        return await asyncio.to_thread(work)
    except ClientError as e:
        code = str(e.response.get("Error", {}).get("Code", ""))
        if code in MISSING:
            raise FileMissing from e
        raise FileStorageUnavailable(f"the file storage refused the request ({code})") from e
    except BotoCoreError as e:  # unreachable, timed out, no credentials
        raise FileStorageUnavailable(f"the file storage failed: {type(e).__name__}") from e
