"""What the use cases stand on: the database, the clock, counters, files; then the
upstream API and the messages bound for other services."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.images.pillow_cleaner import PillowImageCleaner
from boxoffice.adapters.messaging.factory import broker_from_url
from boxoffice.adapters.rate_limit.memory import InMemoryRateLimiter
from boxoffice.adapters.sqlalchemy.engine import (
    SqlAlchemyStorageProbe,
    create_engine,
    create_read_engine,
)
from boxoffice.adapters.sqlalchemy.event_reads import SqlAlchemyEventReads
from boxoffice.adapters.sqlalchemy.store_changes import store_changes_for
from boxoffice.adapters.sqlalchemy.ticket_sales import SqlAlchemyTicketSales
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.adapters.storage.factory import file_storage_from_url
from boxoffice.adapters.storage.s3_location import S3Location
from boxoffice.adapters.system.clock import SystemClock
from boxoffice.adapters.system.ticket_codes import SecretsTicketCodes
from boxoffice.adapters.ticketmaster.gateway import HttpxTicketmasterGateway
from boxoffice.adapters.ticketmaster.pacing import InProcessDailyBudget
from boxoffice.application.ports.rate_limiter import RateLimiter
from boxoffice.application.ports.upstream_budget import UpstreamBudget
from boxoffice.application.use_cases.relay_outbox import RelayOutbox
from boxoffice.entrypoints.outbox_relay import OutboxRelay, OutboxWakeUp
from boxoffice.entrypoints.settings import Settings, StorageSettings


async def disposing(engine: AsyncEngine) -> AsyncIterator[None]:
    """Closes the pool's connections at shutdown. Creating an engine connects to nothing, so
    the engine itself is a plain Singleton and everything that uses it resolves synchronously."""
    try:
        yield
    finally:
        await engine.dispose()


async def closing(*closeables: Any) -> AsyncIterator[None]:
    """Closes HTTP and Redis clients at shutdown (those that were made)."""
    try:
        yield
    finally:
        for closeable in closeables:
            if closeable is not None:
                await closeable.aclose()


def s3_location(storage: StorageSettings) -> S3Location | None:
    if not storage.s3_bucket:
        return None
    return S3Location(
        bucket=storage.s3_bucket,
        endpoint_url=storage.s3_endpoint_url or None,
        region=storage.s3_region or None,
        access_key_id=storage.s3_access_key_id or None,
        secret_access_key=storage.s3_secret_access_key or None,
        public_endpoint_url=storage.s3_public_endpoint_url or None,
        url_seconds=storage.s3_url_seconds,
        timeout_seconds=storage.s3_timeout_seconds,
    )


# Redis's client is imported only where Redis is configured (about 15 MB in every process).
def redis_rate_limiter(url: str) -> RateLimiter:
    from boxoffice.adapters.rate_limit.redis import RedisRateLimiter

    return RedisRateLimiter.from_url(url)


def redis_daily_budget(url: str, daily_budget: int) -> UpstreamBudget:
    from boxoffice.adapters.ticketmaster.redis_budget import RedisDailyBudget

    return RedisDailyBudget.from_url(url, daily_budget)


class Infrastructure(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    database = settings.provided.database
    redis = settings.provided.redis

    clock = providers.Singleton(SystemClock)
    ticket_codes = providers.Singleton(SecretsTicketCodes)
    engine = providers.Singleton(create_engine, database.url, pool_size=database.pool_size)
    engine_lifecycle = providers.Resource(disposing, engine=engine)
    # Single reads (event lists and pages) go through their own pool: no transaction, no ping.
    read_engine = providers.Singleton(
        create_read_engine, database.url, pool_size=database.pool_size
    )
    read_engine_lifecycle = providers.Resource(disposing, engine=read_engine)
    event_reads = providers.Singleton(SqlAlchemyEventReads, engine=read_engine)
    storage_probe = providers.Singleton(SqlAlchemyStorageProbe, engine=engine)
    # Writes committed by any process, looked for by the answers kept in memory, on a
    # connection of its own (its looks are no statement of a request's)
    watch_engine = providers.Singleton(create_read_engine, database.url, pool_size=1)
    watch_engine_lifecycle = providers.Resource(disposing, engine=watch_engine)
    store_changes = providers.Singleton(store_changes_for, engine=watch_engine)
    # Commits that add outbox messages wake this process's relay at once.
    outbox_wake_up = providers.Singleton(OutboxWakeUp)
    # A fresh unit of work for every use case
    uow = providers.Factory(SqlAlchemyUnitOfWork, engine=engine, on_commit=outbox_wake_up)
    # Seats sold in one atomic step of their own, outside any unit of work, concurrent sales
    # committed together
    ticket_sales = providers.Singleton(
        SqlAlchemyTicketSales,
        engine=engine,
        batches=database.sale_batches,
        batch_size=database.sale_batch_size,
    )

    # Counted once for all processes when Redis is configured
    rate_limiter = providers.Selector(
        redis.backend,
        redis=providers.Singleton(redis_rate_limiter, redis.url),
        memory=providers.Singleton(InMemoryRateLimiter),
    )
    rate_limiter_lifecycle = providers.Resource(closing, rate_limiter)

    # Attachments' files, where BOXOFFICE_STORAGE_URL says; images checked and cleaned first
    file_storage = providers.Singleton(
        file_storage_from_url,
        settings.provided.storage.url,
        providers.Callable(s3_location, settings.provided.storage),
    )
    image_cleaner = providers.Singleton(
        PillowImageCleaner, max_pixels=settings.provided.storage.attachment_max_pixels
    )


class Ticketmaster(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    config = settings.provided.ticketmaster
    redis = settings.provided.redis

    client = providers.Singleton(
        httpx.AsyncClient, base_url=config.base_url, timeout=config.timeout_seconds
    )
    # The daily quota, counted once for all processes when Redis is configured
    budget = providers.Selector(
        redis.backend,
        redis=providers.Singleton(redis_daily_budget, redis.url, config.daily_budget),
        memory=providers.Singleton(InProcessDailyBudget, config.daily_budget),
    )
    clients_lifecycle = providers.Resource(closing, client, budget)
    # One gateway per process, so that its pacing and daily budget cover every caller.
    gateway = providers.Singleton(
        HttpxTicketmasterGateway,
        client=client,
        api_key=config.api_key,
        per_second=config.requests_per_second,
        budget=budget,
    )


class Messaging(containers.DeclarativeContainer):
    """Messages for other services, through the broker BOXOFFICE_BROKER_URL names."""

    settings = providers.Dependency(instance_of=Settings)
    infrastructure = providers.DependenciesContainer()
    config = settings.provided.broker

    broker = providers.Singleton(broker_from_url, config.url)
    broker_lifecycle = providers.Resource(closing, broker)
    relay_outbox = providers.Factory(
        RelayOutbox,
        uow=infrastructure.uow,
        broker=broker,
        batch_size=config.outbox_batch_size,
    )
    outbox_relay = providers.Factory(
        OutboxRelay,
        relay=relay_outbox,
        wake_up=infrastructure.outbox_wake_up,
        poll_seconds=config.outbox_poll_seconds,
        max_backoff_seconds=config.outbox_max_backoff_seconds,
    )
