"""Each test run, and each pytest-xdist worker, works in databases of its own."""

import os
import subprocess

import psycopg
import pytest
import redis
from sqlalchemy import make_url

from tests.conftest import POSTGRES_URL, require_postgres, require_redis
from tests.run_databases import (
    REDIS_CLAIM,
    Run,
    choose_postgres_url,
    claim_redis_url,
    create_postgres_database,
    drop_postgres_database,
    libpq,
    release_redis,
    server_dsn,
)

GIVEN = "postgresql+psycopg://postgres@127.0.0.1:5432/mine"


def a_run(worker: str = "", run_id: str = "1234_abcdef", **environ: str) -> Run:
    return Run(worker, run_id, environ)


def test_runs_without_a_named_database_each_get_one_of_their_own() -> None:
    first, first_owned = choose_postgres_url(a_run(run_id="1_aaaaaa"))
    second, second_owned = choose_postgres_url(a_run(run_id="2_bbbbbb"))

    assert make_url(first).database == "boxoffice_test_1_aaaaaa"
    assert make_url(second).database == "boxoffice_test_2_bbbbbb"
    assert first_owned
    assert second_owned


def test_a_named_database_is_used_as_it_is_by_a_run_without_workers() -> None:
    assert choose_postgres_url(a_run(BOXOFFICE_TEST_POSTGRES_URL=GIVEN)) == (GIVEN, False)


def test_each_xdist_worker_gets_its_own_copy_of_a_named_database() -> None:
    urls = {
        worker: choose_postgres_url(a_run(worker, BOXOFFICE_TEST_POSTGRES_URL=GIVEN))
        for worker in ("gw0", "gw1")
    }

    assert make_url(urls["gw0"][0]).database == "mine_gw0"
    assert make_url(urls["gw1"][0]).database == "mine_gw1"
    assert urls["gw0"][1]
    assert urls["gw1"][1]


def test_the_suites_own_database_is_not_the_one_another_run_would_use() -> None:
    another_runs, _ = choose_postgres_url(a_run(run_id="999_other"))

    assert another_runs != POSTGRES_URL


@pytest.mark.postgres
def test_a_run_database_is_created_for_the_run_and_dropped_after_it() -> None:
    require_postgres()
    url, _ = choose_postgres_url(a_run(run_id="probe_0_c0ffee"))
    name = make_url(url).database

    create_postgres_database(url)
    with psycopg.connect(libpq(url)) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == (name,)
    drop_postgres_database(url)

    with psycopg.connect(server_dsn(url)) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchall()
    assert found == []


@pytest.mark.postgres
def test_the_database_of_a_run_that_was_killed_is_dropped_by_the_next_run() -> None:
    require_postgres()
    killed, _ = choose_postgres_url(a_run(run_id=f"{dead_pid()}_0ff1ce"))
    create_postgres_database(killed)
    survivor, _ = choose_postgres_url(a_run(run_id=f"{os.getpid()}_5a11e5"))

    create_postgres_database(survivor)
    try:
        with psycopg.connect(server_dsn(survivor)) as conn:
            names = {name for (name,) in conn.execute("SELECT datname FROM pg_database")}
    finally:
        drop_postgres_database(survivor)
        drop_postgres_database(killed)

    assert make_url(survivor).database in names
    assert make_url(killed).database not in names


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.mark.redis
def test_two_workers_claim_different_redis_databases_and_empty_them_when_done() -> None:
    server = require_redis()  # this run's own: the two workers below must avoid it too
    workers = [a_run(w, f"{w}_probe", BOXOFFICE_TEST_REDIS_URL=server) for w in ("gw8", "gw9")]
    claims = [claim_redis_url(worker) for worker in workers]
    try:
        urls = [url for url, _ in claims]
        assert len({*urls, server}) == 3
        with redis.Redis.from_url(urls[0]) as client:
            client.set("left-behind", "1")
    finally:
        for worker, (url, empty) in zip(workers, claims, strict=True):
            release_redis(worker, url, empty)

    with redis.Redis.from_url(urls[0]) as client:
        assert client.dbsize() == 0


@pytest.mark.redis
def test_a_run_leaves_another_runs_claim_on_its_redis_database_alone() -> None:
    url = require_redis()
    release_redis(a_run(run_id="someone_else"), url, empty=True)

    with redis.Redis.from_url(url) as client:
        assert client.get(REDIS_CLAIM) is not None
