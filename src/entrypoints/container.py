"""The composition root: which adapter plays which port, read like a wiring diagram."""

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any, TypeVar

import httpx
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine

from boxoffice.adapters.images.pillow_cleaner import PillowImageCleaner
from boxoffice.adapters.messaging.factory import broker_from_url
from boxoffice.adapters.oidc.authorization_server import HttpxAuthorizationServer
from boxoffice.adapters.oidc.claims import ClaimsMapper
from boxoffice.adapters.oidc.discovery import JwksCache, OidcDiscovery
from boxoffice.adapters.oidc.token_verifier import OidcTokenVerifier
from boxoffice.adapters.rate_limit.memory import InMemoryRateLimiter
from boxoffice.adapters.rate_limit.redis import RedisRateLimiter
from boxoffice.adapters.security.bcrypt_hasher import BcryptPasswordHasher
from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.security.signed_values import SignedValues
from boxoffice.adapters.sqlalchemy.engine import (
    SqlAlchemyStorageProbe,
    create_engine,
    create_read_engine,
)
from boxoffice.adapters.sqlalchemy.event_reads import SqlAlchemyEventReads
from boxoffice.adapters.sqlalchemy.ticket_sales import SqlAlchemyTicketSales
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.adapters.storage.factory import file_storage_from_url
from boxoffice.adapters.storage.s3 import S3Location
from boxoffice.adapters.system.clock import SystemClock
from boxoffice.adapters.system.ticket_codes import SecretsTicketCodes
from boxoffice.adapters.ticketmaster.gateway import HttpxTicketmasterGateway
from boxoffice.adapters.ticketmaster.pacing import InProcessDailyBudget
from boxoffice.adapters.ticketmaster.redis_budget import RedisDailyBudget
from boxoffice.application.services.authenticate import Authenticate
from boxoffice.application.services.limits import Limit
from boxoffice.application.use_cases.book_tickets import BookTickets
from boxoffice.application.use_cases.cancel_booking import CancelBooking
from boxoffice.application.use_cases.check_readiness import CheckReadiness
from boxoffice.application.use_cases.create_event import CreateEvent
from boxoffice.application.use_cases.create_user import CreateUser
from boxoffice.application.use_cases.delete_attachment import DeleteAttachment
from boxoffice.application.use_cases.delete_event import DeleteEvent
from boxoffice.application.use_cases.download_attachment import DownloadAttachment
from boxoffice.application.use_cases.finish_provider_sign_in import FinishProviderSignIn
from boxoffice.application.use_cases.get_booking import GetBooking
from boxoffice.application.use_cases.get_current_user import GetCurrentUser
from boxoffice.application.use_cases.get_event import GetEvent
from boxoffice.application.use_cases.get_event_stats import GetEventStats
from boxoffice.application.use_cases.list_attachments import ListAttachments
from boxoffice.application.use_cases.list_attendees import ListAttendees
from boxoffice.application.use_cases.list_event_bookings import ListEventBookings
from boxoffice.application.use_cases.list_events import ListEvents
from boxoffice.application.use_cases.list_saved_events import ListSavedEvents
from boxoffice.application.use_cases.list_subscriptions import ListSubscriptions
from boxoffice.application.use_cases.list_user_bookings import ListUserBookings
from boxoffice.application.use_cases.list_users import ListUsers
from boxoffice.application.use_cases.log_in import LogIn
from boxoffice.application.use_cases.mark_saved_events import MarkSavedEvents
from boxoffice.application.use_cases.provision_external_user import ProvisionExternalUser
from boxoffice.application.use_cases.refresh_market import FreshnessPolicy, RefreshMarket
from boxoffice.application.use_cases.register_attendee import RegisterAttendee, RegistrationLimits
from boxoffice.application.use_cases.register_user import RegisterUser
from boxoffice.application.use_cases.relay_outbox import RelayOutbox
from boxoffice.application.use_cases.save_event import SaveEvent
from boxoffice.application.use_cases.seed_demo import SeedDemo
from boxoffice.application.use_cases.start_provider_sign_in import (
    SIGN_IN_SECONDS,
    StartProviderSignIn,
)
from boxoffice.application.use_cases.subscribe_event import SubscribeToEvent
from boxoffice.application.use_cases.sync_ticketmaster import SyncTicketmaster
from boxoffice.application.use_cases.unsave_event import UnsaveEvent
from boxoffice.application.use_cases.unsubscribe_event import UnsubscribeFromEvent
from boxoffice.application.use_cases.update_event import UpdateEvent
from boxoffice.application.use_cases.upload_attachment import UploadAttachment
from boxoffice.application.use_cases.view_event import ViewEvent
from boxoffice.entrypoints.outbox_relay import OutboxRelay, OutboxWakeUp
from boxoffice.entrypoints.settings import Settings


async def engine_lifecycle(engine: AsyncEngine) -> AsyncIterator[None]:
    """Closes the pool's connections at shutdown. Creating an engine connects to nothing, so
    the engine itself is a plain Singleton and everything that uses it resolves synchronously."""
    try:
        yield
    finally:
        await engine.dispose()


def freshness_policy(settings: Settings) -> FreshnessPolicy:
    window = settings.ticketmaster_refresh_window_seconds
    return FreshnessPolicy(
        enabled=bool(settings.ticketmaster_api_key),
        stale_after=timedelta(minutes=settings.ticketmaster_stale_after_minutes),
        budget_seconds=settings.ticketmaster_fetch_budget_seconds,
        look_ahead=timedelta(days=settings.ticketmaster_days),
        per_caller=Limit(settings.ticketmaster_refresh_client_limit, window),
        in_total=Limit(settings.ticketmaster_refresh_limit, window),
    )


def registration_limits(settings: Settings) -> RegistrationLimits:
    window = settings.registration_rate_window_seconds
    return RegistrationLimits(
        per_client=Limit(settings.registration_rate_limit, window),
        per_client_and_event=Limit(settings.registration_event_rate_limit, window),
    )


async def closing(*closeables: Any) -> AsyncIterator[None]:
    """Closes HTTP and Redis clients at shutdown (those that were made)."""
    try:
        yield
    finally:
        for closeable in closeables:
            if closeable is not None:
                await closeable.aclose()


def s3_location(settings: Settings) -> S3Location | None:
    if not settings.s3_bucket:
        return None
    return S3Location(
        bucket=settings.s3_bucket,
        endpoint_url=settings.s3_endpoint_url or None,
        region=settings.s3_region or None,
        access_key_id=settings.s3_access_key_id or None,
        secret_access_key=settings.s3_secret_access_key or None,
        public_endpoint_url=settings.s3_public_endpoint_url or None,
        url_seconds=settings.s3_url_seconds,
        timeout_seconds=settings.s3_timeout_seconds,
    )


T = TypeVar("T")


def when(enabled: bool, thing: T) -> T | None:
    return thing if enabled else None


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    # Infrastructure with a lifecycle
    engine = providers.Singleton(
        create_engine, settings.provided.database_url, pool_size=settings.provided.db_pool_size
    )
    # Single reads (event lists and pages) go through their own pool: no transaction, no ping.
    read_engine = providers.Singleton(
        create_read_engine, settings.provided.database_url, pool_size=settings.provided.db_pool_size
    )
    read_engine_lifecycle = providers.Resource(engine_lifecycle, engine=read_engine)
    engine_lifecycle = providers.Resource(engine_lifecycle, engine=engine)
    event_reads = providers.Singleton(SqlAlchemyEventReads, engine=read_engine)
    http_client = providers.Singleton(httpx.AsyncClient, timeout=10.0, follow_redirects=False)
    rate_limiter = providers.Selector(
        settings.provided.rate_limit_backend,
        redis=providers.Singleton(RedisRateLimiter.from_url, settings.provided.redis_url),
        memory=providers.Singleton(InMemoryRateLimiter),
    )
    # Ticketmaster's daily quota, counted once for all processes when Redis is configured
    upstream_budget = providers.Selector(
        settings.provided.rate_limit_backend,
        redis=providers.Singleton(
            RedisDailyBudget.from_url,
            settings.provided.redis_url,
            settings.provided.ticketmaster_daily_budget,
        ),
        memory=providers.Singleton(
            InProcessDailyBudget, settings.provided.ticketmaster_daily_budget
        ),
    )
    clients_lifecycle = providers.Resource(closing, http_client, rate_limiter)

    # Stateless adapters
    clock = providers.Singleton(SystemClock)
    ticket_codes = providers.Singleton(SecretsTicketCodes)
    password_hasher = providers.Singleton(
        BcryptPasswordHasher, rounds=settings.provided.bcrypt_rounds
    )
    tokens = providers.Singleton(
        JwtTokenService,
        secret=settings.provided.jwt_secret,
        issuer=settings.provided.jwt_issuer,
        clock=clock,
        ttl_seconds=settings.provided.access_token_ttl_seconds,
    )
    ticketmaster_client = providers.Singleton(
        httpx.AsyncClient,
        base_url=settings.provided.ticketmaster_base_url,
        timeout=settings.provided.ticketmaster_timeout_seconds,
    )
    ticketmaster_client_lifecycle = providers.Resource(
        closing, ticketmaster_client, upstream_budget
    )
    # One gateway per process, so that its pacing and daily budget cover every caller.
    ticketmaster = providers.Singleton(
        HttpxTicketmasterGateway,
        client=ticketmaster_client,
        api_key=settings.provided.ticketmaster_api_key,
        per_second=settings.provided.ticketmaster_requests_per_second,
        budget=upstream_budget,
    )

    # The identity provider (OpenID Connect): metadata and keys cached for the process
    oidc_discovery = providers.Singleton(
        OidcDiscovery,
        http_client,
        settings.provided.oidc_issuer,
        discovery_url=settings.provided.oidc_discovery_url,
    )
    oidc_keys = providers.Singleton(
        JwksCache,
        http_client,
        oidc_discovery,
        min_refresh_seconds=settings.provided.oidc_jwks_refresh_seconds,
    )
    oidc_claims = providers.Singleton(
        ClaimsMapper, settings.provided.oidc_roles_claim, settings.provided.oidc_admin_role
    )
    provider_access_tokens = providers.Singleton(
        OidcTokenVerifier,
        settings.provided.oidc_issuer,
        settings.provided.oidc_audience,
        oidc_keys,
        oidc_claims,
    )
    provider_id_tokens = providers.Singleton(
        OidcTokenVerifier,
        settings.provided.oidc_issuer,
        settings.provided.oidc_client_id,
        oidc_keys,
        oidc_claims,
    )
    authorization_server = providers.Singleton(
        HttpxAuthorizationServer,
        http_client,
        oidc_discovery,
        settings.provided.oidc_client_id,
        settings.provided.oidc_client_secret,
        settings.provided.oidc_scopes,
    )

    # Messages for other services, through the broker BOXOFFICE_BROKER_URL names
    message_broker = providers.Singleton(broker_from_url, settings.provided.broker_url)
    broker_lifecycle = providers.Resource(closing, message_broker)
    # Commits that add outbox messages wake this process's relay at once.
    outbox_wake_up = providers.Singleton(OutboxWakeUp)

    # Attachments' files, where BOXOFFICE_STORAGE_URL says; images checked and cleaned first
    file_storage = providers.Singleton(
        file_storage_from_url,
        settings.provided.storage_url,
        providers.Callable(s3_location, settings),
    )
    image_cleaner = providers.Singleton(
        PillowImageCleaner, max_pixels=settings.provided.attachment_max_pixels
    )

    # A fresh unit of work for every use case
    uow = providers.Factory(SqlAlchemyUnitOfWork, engine=engine, on_commit=outbox_wake_up)
    # Seats sold in one atomic step of their own, outside any unit of work
    ticket_sales = providers.Singleton(SqlAlchemyTicketSales, engine=engine)
    relay_outbox = providers.Factory(
        RelayOutbox,
        uow=uow,
        broker=message_broker,
        batch_size=settings.provided.outbox_batch_size,
    )
    outbox_relay = providers.Factory(
        OutboxRelay,
        relay=relay_outbox,
        wake_up=outbox_wake_up,
        poll_seconds=settings.provided.outbox_poll_seconds,
        max_backoff_seconds=settings.provided.outbox_max_backoff_seconds,
    )

    # Who is calling: local tokens, and the provider's tokens when one is configured
    provision_external_user = providers.Factory(ProvisionExternalUser, uow=uow, clock=clock)
    token_verifier = providers.Factory(
        Authenticate,
        uow=uow,
        local=tokens,
        external=providers.Callable(when, settings.provided.oidc_enabled, provider_access_tokens),
        provision=provision_external_user,
    )
    sign_in_flows = providers.Singleton(
        SignedValues, settings.provided.jwt_secret, ttl_seconds=SIGN_IN_SECONDS
    )
    start_provider_sign_in = providers.Factory(
        StartProviderSignIn, server=authorization_server, flows=sign_in_flows
    )
    finish_provider_sign_in = providers.Factory(
        FinishProviderSignIn,
        server=authorization_server,
        id_tokens=provider_id_tokens,
        provision=provision_external_user,
        tokens=tokens,
        flows=sign_in_flows,
    )

    # Use cases
    check_readiness = providers.Factory(
        CheckReadiness, storage=providers.Singleton(SqlAlchemyStorageProbe, engine=engine)
    )
    create_event = providers.Factory(
        CreateEvent, uow=uow, clock=clock, open_creation=settings.provided.open_event_creation
    )
    get_event = providers.Factory(GetEvent, reads=event_reads)
    mark_saved_events = providers.Factory(MarkSavedEvents, reads=event_reads)
    update_event = providers.Factory(UpdateEvent, uow=uow, clock=clock)
    delete_event = providers.Factory(DeleteEvent, uow=uow, clock=clock, files=file_storage)
    upload_attachment = providers.Factory(
        UploadAttachment, uow=uow, clock=clock, files=file_storage, images=image_cleaner
    )
    list_attachments = providers.Factory(ListAttachments, uow=uow)
    download_attachment = providers.Factory(DownloadAttachment, uow=uow, files=file_storage)
    delete_attachment = providers.Factory(DeleteAttachment, uow=uow, files=file_storage)
    get_event_stats = providers.Factory(GetEventStats, uow=uow)
    register_attendee = providers.Factory(
        RegisterAttendee,
        uow=uow,
        clock=clock,
        limiter=rate_limiter,
        limits=providers.Singleton(registration_limits, settings),
    )
    list_attendees = providers.Factory(ListAttendees, uow=uow)
    book_tickets = providers.Factory(
        BookTickets, uow=uow, clock=clock, codes=ticket_codes, sales=ticket_sales
    )
    cancel_booking = providers.Factory(CancelBooking, uow=uow, clock=clock)
    get_booking = providers.Factory(GetBooking, uow=uow)
    list_user_bookings = providers.Factory(ListUserBookings, uow=uow)
    list_event_bookings = providers.Factory(ListEventBookings, uow=uow)
    register_user = providers.Factory(RegisterUser, uow=uow, clock=clock, hasher=password_hasher)
    create_user = providers.Factory(CreateUser, uow=uow, clock=clock, hasher=password_hasher)
    list_users = providers.Factory(ListUsers, uow=uow)
    log_in = providers.Factory(LogIn, uow=uow, hasher=password_hasher, tokens=tokens)
    get_current_user = providers.Factory(GetCurrentUser, uow=uow)
    sync_ticketmaster = providers.Factory(
        SyncTicketmaster, uow=uow, gateway=ticketmaster, clock=clock
    )
    freshness = providers.Singleton(freshness_policy, settings)
    refresh_market = providers.Factory(
        RefreshMarket,
        uow=uow,
        sync=sync_ticketmaster,
        clock=clock,
        policy=freshness,
        limiter=rate_limiter,
    )
    list_events = providers.Factory(
        ListEvents,
        reads=event_reads,
        clock=clock,
        refresh_market=refresh_market.provider,  # built only when a list refreshes a market
    )
    save_event = providers.Factory(
        SaveEvent,
        uow=uow,
        gateway=ticketmaster,
        clock=clock,
        lookup_enabled=providers.Callable(bool, settings.provided.ticketmaster_api_key),
    )
    unsave_event = providers.Factory(UnsaveEvent, uow=uow)
    list_saved_events = providers.Factory(ListSavedEvents, uow=uow, clock=clock)
    subscribe_to_event = providers.Factory(SubscribeToEvent, uow=uow, clock=clock)
    unsubscribe_from_event = providers.Factory(UnsubscribeFromEvent, uow=uow)
    list_subscriptions = providers.Factory(ListSubscriptions, uow=uow)
    view_event = providers.Factory(ViewEvent, uow=uow, clock=clock)
    seed_demo = providers.Factory(
        SeedDemo, uow=uow, clock=clock, create_user=create_user, codes=ticket_codes
    )


def build_container(settings: Settings) -> Container:
    return Container(settings=settings)
