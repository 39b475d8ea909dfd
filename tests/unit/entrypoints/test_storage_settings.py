"""BOXOFFICE_STORAGE_URL and the S3 settings: checked at start, with a clear message."""

import pytest

from boxoffice.entrypoints.container_infrastructure import s3_location
from boxoffice.entrypoints.settings import (
    IdentitySettings,
    Settings,
    SettingsError,
    StorageSettings,
)

SECRET = "kR7-vQ2pX9sLm4Tz8wYb3NcJ6hUe1Fd5"


def test_the_default_stores_files_in_a_local_directory() -> None:
    settings = Settings(identity=IdentitySettings(jwt_secret=SECRET))

    assert settings.storage.url == "file://./attachments"
    assert s3_location(settings.storage) is None


def test_an_s3_url_names_the_bucket_and_the_settings_the_rest() -> None:
    settings = Settings(
        identity=IdentitySettings(jwt_secret=SECRET),
        storage=StorageSettings(
            url="s3://boxoffice-attachments",
            s3_endpoint_url="http://minio:9000",
            s3_public_endpoint_url="http://localhost:9000",
            s3_access_key_id="boxoffice",
            s3_secret_access_key="minio-password",
        ),
    )
    location = s3_location(settings.storage)

    assert location is not None
    assert location.bucket == "boxoffice-attachments"
    assert location.endpoint_url == "http://minio:9000"
    assert location.public_endpoint_url == "http://localhost:9000"
    assert "minio-password" not in repr(location) + repr(settings)


@pytest.mark.parametrize(
    "url", ["", "file://", "s3://", "s3://Upper_Case", "s3://a", "s3://bucket/prefix", "ftp://x"]
)
def test_a_storage_url_of_neither_kind_stops_the_start(url: str) -> None:
    with pytest.raises(SettingsError, match="BOXOFFICE_STORAGE_URL"):
        Settings(identity=IdentitySettings(jwt_secret=SECRET), storage=StorageSettings(url=url))


def test_an_endpoint_that_is_not_an_http_url_stops_the_start() -> None:
    with pytest.raises(SettingsError, match="BOXOFFICE_S3_ENDPOINT_URL"):
        Settings(
            identity=IdentitySettings(jwt_secret=SECRET),
            storage=StorageSettings(url="s3://bucket", s3_endpoint_url="minio:9000"),
        )


@pytest.mark.parametrize(
    ("name", "value"),
    [("attachment_max_bytes", 0), ("attachment_max_pixels", 0), ("s3_url_seconds", 604801)],
)
def test_attachment_numbers_out_of_range_stop_the_start(name: str, value: int) -> None:
    with pytest.raises(SettingsError, match=name.upper()):
        StorageSettings(**{name: value})  # type: ignore[arg-type]
