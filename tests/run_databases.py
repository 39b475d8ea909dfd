"""A PostgreSQL database and a Redis database of the test run's own, per pytest-xdist worker.

Two runs on one machine (two checkouts, or the workers of `pytest -n 2`) never share a
database, so one cannot truncate or drop what the other is using:

- PostgreSQL: `boxoffice_test_<worker>_<pid>_<random>` is created on the server when a test
  first needs it and dropped (WITH (FORCE)) when the run ends; one left by a run that was
  killed (its process gone) is dropped by the next run. BOXOFFICE_TEST_POSTGRES_URL
  names a database to use instead; under xdist each worker then gets `<that name>_<worker>`.
- Redis: the run claims an empty database with a key that expires, and empties it when it
  ends (what a run killed before its end leaves is to be emptied by hand).
  BOXOFFICE_TEST_REDIS_URL names the one to use instead (still claimed, so that runs picking
  one see it taken); under xdist each worker claims an empty one on that server.
"""

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

import psycopg
import redis
from sqlalchemy import make_url

DEFAULT_POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_SERVER = "redis://127.0.0.1:6379/0"
REDIS_CLAIM = "boxoffice:test-run"
REDIS_CLAIM_SECONDS = 6 * 3600  # longer than any run; a killed run's claim lapses
REDIS_DATABASES = range(15, 0, -1)  # 0 is the application's own default


@dataclass(frozen=True)
class Run:
    """One test run, or one pytest-xdist worker of it, and the settings it was started with."""

    worker: str  # "gw0", "gw1", ... under pytest-xdist; "" otherwise
    id: str
    environ: Mapping[str, str]

    @classmethod
    def this_one(cls) -> "Run":
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        run_id = "_".join(p for p in (worker, str(os.getpid()), secrets.token_hex(3)) if p)
        return cls(worker, run_id, dict(os.environ))


def _with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def choose_postgres_url(run: Run) -> tuple[str, bool]:
    """The run's database URL, and whether the run creates and drops that database."""
    given = run.environ.get("BOXOFFICE_TEST_POSTGRES_URL")
    if given and not run.worker:
        return given, False
    if given:
        return _with_database(given, f"{make_url(given).database}_{run.worker}"), True
    return _with_database(DEFAULT_POSTGRES_SERVER, f"boxoffice_test_{run.id}"), True


def libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def server_dsn(url: str) -> str:
    """The server's maintenance database: where databases are created and dropped."""
    return libpq(_with_database(url, "postgres"))


def create_postgres_database(url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(server_dsn(url), autocommit=True) as conn:
        for (left,) in conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'boxoffice\\_test\\_%'"
        ).fetchall():
            if _run_is_gone(left):
                conn.execute(f'DROP DATABASE IF EXISTS "{left}" WITH (FORCE)')
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _run_is_gone(database: str) -> bool:
    """Whether the run that named this database (`..._<pid>_<random>`) was killed before it
    could drop it: no process of that id runs on this machine, the server's own."""
    try:
        pid = int(database.rsplit("_", 2)[-2])
        os.kill(pid, 0)
    except (ValueError, IndexError):
        return False
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(server_dsn(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _redis_at(url: str, database: int) -> str:
    return make_url(url).set(database=str(database)).render_as_string(hide_password=False)


def claim_redis_url(run: Run) -> tuple[str, bool]:
    """The run's Redis URL, and whether the run empties that database at its end. Raises
    redis.RedisError when the server does not answer, and RuntimeError when all are taken."""
    given = run.environ.get("BOXOFFICE_TEST_REDIS_URL")
    if given and not run.worker:
        with redis.Redis.from_url(given, socket_connect_timeout=2) as client:
            client.set(REDIS_CLAIM, run.id, ex=REDIS_CLAIM_SECONDS)
        return given, False
    server = given or DEFAULT_REDIS_SERVER
    # Only an empty database: another run may be using one without a claim on it.
    for database in REDIS_DATABASES:
        url = _redis_at(server, database)
        with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
            if client.dbsize() == 0 and client.set(
                REDIS_CLAIM, run.id, nx=True, ex=REDIS_CLAIM_SECONDS
            ):
                return url, True
    raise RuntimeError(
        f"no empty Redis database left on {server}: empty one, or name one with "
        "BOXOFFICE_TEST_REDIS_URL"
    )


def release_redis(run: Run, url: str, empty: bool) -> None:
    with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
        if client.get(REDIS_CLAIM) != run.id.encode():
            return  # not ours (any more): leave it alone
        if empty:
            client.flushdb()
        else:
            client.delete(REDIS_CLAIM)
