"""A server process carries only the clients its settings use: boto3, aio-pika, Redis's
client, saq and Alembic cost tens of MB in each process, and `boxoffice serve`'s processes are
forks of the command's."""

import subprocess
import sys
import textwrap

import pytest

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


@pytest.mark.parametrize("service", ["asgi", "notifications.asgi"])
def test_a_server_process_freezes_what_its_startup_built(service: str) -> None:
    """A full collection then scans only what requests made, not the process's own modules,
    app and container: a pause of milliseconds, not of a hundred."""
    script = textwrap.dedent(f"""
        import gc, os, secrets
        os.environ["BOXOFFICE_JWT_SECRET"] = secrets.token_urlsafe(48)
        os.environ["BOXOFFICE_DATABASE_URL"] = "sqlite+aiosqlite:///:memory:"
        before = gc.get_freeze_count()
        from boxoffice.entrypoints.{service} import app_factory
        app = app_factory()
        print(before, gc.get_freeze_count(), len(gc.get_objects(generation=2)))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    before, frozen, left = (int(n) for n in done.stdout.split())
    assert before == 0
    assert frozen > 100_000  # the modules, the app, its routes and container
    assert left < frozen // 100  # what the collector still scans in full
