"""Every use case, each a fresh object per call, wired to the containers it stands on."""

from datetime import timedelta

from dependency_injector import containers, providers

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
from boxoffice.application.use_cases.refresh_market import FreshnessPolicy, RefreshMarket
from boxoffice.application.use_cases.register_attendee import RegisterAttendee, RegistrationLimits
from boxoffice.application.use_cases.register_user import RegisterUser
from boxoffice.application.use_cases.save_event import SaveEvent
from boxoffice.application.use_cases.seed_demo import SeedDemo
from boxoffice.application.use_cases.start_provider_sign_in import StartProviderSignIn
from boxoffice.application.use_cases.subscribe_event import SubscribeToEvent
from boxoffice.application.use_cases.sync_ticketmaster import SyncTicketmaster
from boxoffice.application.use_cases.unsave_event import UnsaveEvent
from boxoffice.application.use_cases.unsubscribe_event import UnsubscribeFromEvent
from boxoffice.application.use_cases.update_event import UpdateEvent
from boxoffice.application.use_cases.upload_attachment import UploadAttachment
from boxoffice.application.use_cases.view_event import ViewEvent
from boxoffice.entrypoints.settings import RateLimitSettings, Settings, TicketmasterSettings


def freshness_policy(ticketmaster: TicketmasterSettings) -> FreshnessPolicy:
    window = ticketmaster.refresh_window_seconds
    return FreshnessPolicy(
        enabled=ticketmaster.enabled,
        stale_after=timedelta(minutes=ticketmaster.stale_after_minutes),
        budget_seconds=ticketmaster.fetch_budget_seconds,
        look_ahead=timedelta(days=ticketmaster.days),
        per_caller=Limit(ticketmaster.refresh_client_limit, window),
        in_total=Limit(ticketmaster.refresh_limit, window),
    )


def registration_limits(limits: RateLimitSettings) -> RegistrationLimits:
    window = limits.registration_window_seconds
    return RegistrationLimits(
        per_client=Limit(limits.registrations, window),
        per_client_and_event=Limit(limits.registrations_per_event, window),
    )


class UseCases(containers.DeclarativeContainer):
    """Only use cases: the HTTP door offers every one of them to its handlers."""

    settings = providers.Dependency(instance_of=Settings)
    infrastructure = providers.DependenciesContainer()
    identity = providers.DependenciesContainer()
    ticketmaster = providers.DependenciesContainer()
    uow, clock, reads = infrastructure.uow, infrastructure.clock, infrastructure.event_reads
    files, hasher = infrastructure.file_storage, identity.password_hasher

    check_readiness = providers.Factory(CheckReadiness, storage=infrastructure.storage_probe)
    create_event = providers.Factory(
        CreateEvent,
        uow=uow,
        clock=clock,
        open_creation=settings.provided.events.open_event_creation,
    )
    get_event = providers.Factory(GetEvent, reads=reads)
    mark_saved_events = providers.Factory(MarkSavedEvents, reads=reads)
    update_event = providers.Factory(UpdateEvent, uow=uow, clock=clock)
    delete_event = providers.Factory(DeleteEvent, uow=uow, clock=clock, files=files)
    upload_attachment = providers.Factory(
        UploadAttachment, uow=uow, clock=clock, files=files, images=infrastructure.image_cleaner
    )
    list_attachments = providers.Factory(ListAttachments, uow=uow)
    download_attachment = providers.Factory(DownloadAttachment, uow=uow, files=files)
    delete_attachment = providers.Factory(DeleteAttachment, uow=uow, files=files)
    get_event_stats = providers.Factory(GetEventStats, uow=uow)
    register_attendee = providers.Factory(
        RegisterAttendee,
        uow=uow,
        clock=clock,
        limiter=infrastructure.rate_limiter,
        limits=providers.Singleton(registration_limits, settings.provided.rate_limits),
    )
    list_attendees = providers.Factory(ListAttendees, uow=uow)
    book_tickets = providers.Factory(
        BookTickets,
        uow=uow,
        clock=clock,
        codes=infrastructure.ticket_codes,
        sales=infrastructure.ticket_sales,
    )
    cancel_booking = providers.Factory(CancelBooking, uow=uow, clock=clock)
    get_booking = providers.Factory(GetBooking, uow=uow)
    list_user_bookings = providers.Factory(ListUserBookings, uow=uow)
    list_event_bookings = providers.Factory(ListEventBookings, uow=uow)
    register_user = providers.Factory(RegisterUser, uow=uow, clock=clock, hasher=hasher)
    create_user = providers.Factory(CreateUser, uow=uow, clock=clock, hasher=hasher)
    list_users = providers.Factory(ListUsers, uow=uow)
    log_in = providers.Factory(LogIn, uow=uow, hasher=hasher, tokens=identity.tokens)
    get_current_user = providers.Factory(GetCurrentUser, uow=uow)
    start_provider_sign_in = providers.Factory(
        StartProviderSignIn, server=identity.authorization_server, flows=identity.sign_in_flows
    )
    finish_provider_sign_in = providers.Factory(
        FinishProviderSignIn,
        server=identity.authorization_server,
        id_tokens=identity.provider_id_tokens,
        provision=identity.provision_external_user,
        tokens=identity.tokens,
        flows=identity.sign_in_flows,
    )
    sync_ticketmaster = providers.Factory(
        SyncTicketmaster, uow=uow, gateway=ticketmaster.gateway, clock=clock
    )
    refresh_market = providers.Factory(
        RefreshMarket,
        uow=uow,
        sync=sync_ticketmaster,
        clock=clock,
        policy=providers.Singleton(freshness_policy, settings.provided.ticketmaster),
        limiter=infrastructure.rate_limiter,
    )
    list_events = providers.Factory(
        ListEvents,
        reads=reads,
        clock=clock,
        refresh_market=refresh_market.provider,  # built only when a list refreshes a market
    )
    save_event = providers.Factory(
        SaveEvent,
        uow=uow,
        gateway=ticketmaster.gateway,
        clock=clock,
        lookup_enabled=settings.provided.ticketmaster.enabled,
    )
    unsave_event = providers.Factory(UnsaveEvent, uow=uow)
    list_saved_events = providers.Factory(ListSavedEvents, uow=uow, clock=clock)
    subscribe_to_event = providers.Factory(SubscribeToEvent, uow=uow, clock=clock)
    unsubscribe_from_event = providers.Factory(UnsubscribeFromEvent, uow=uow)
    list_subscriptions = providers.Factory(ListSubscriptions, uow=uow)
    view_event = providers.Factory(ViewEvent, uow=uow, clock=clock)
    seed_demo = providers.Factory(
        SeedDemo, uow=uow, clock=clock, create_user=create_user, codes=infrastructure.ticket_codes
    )
