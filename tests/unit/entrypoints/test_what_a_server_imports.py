"""A server process carries only the clients its settings use: boto3, aio-pika, Redis's
client, saq and Alembic cost tens of MB in each process, and `boxoffice serve`'s processes are
forks of the command's."""

import subprocess
import sys
import textwrap

UNUSED_BY_DEFAULT = ("boto3", "aio_pika", "redis", "saq", "alembic")


def imported_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + textwrap.dedent(f"""
        import sys
        print(" ".join(m for m in {UNUSED_BY_DEFAULT!r} if m in sys.modules))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return set(done.stdout.split())


def test_the_command_and_an_app_on_the_defaults_import_none_of_them() -> None:
    assert (
        imported_after("""
        import boxoffice.entrypoints.cli
        from boxoffice.entrypoints.http.app import create_app
        from boxoffice.entrypoints.settings import DatabaseSettings, Settings
        create_app(Settings(database=DatabaseSettings(url="sqlite+aiosqlite:///:memory:")))
    """)
        == set()
    )


def test_each_is_imported_where_its_setting_asks_for_it() -> None:
    assert imported_after("""
        from boxoffice.adapters.messaging.factory import broker_from_url
        from boxoffice.adapters.storage.factory import file_storage_from_url
        from boxoffice.adapters.storage.s3_location import S3Location
        from boxoffice.entrypoints.container_infrastructure import redis_rate_limiter
        broker_from_url("amqp://guest:guest@127.0.0.1:5672/")
        file_storage_from_url("s3://bucket", S3Location("bucket"))
        redis_rate_limiter("redis://127.0.0.1:6379/0")
    """) == {"boto3", "aio_pika", "redis"}
