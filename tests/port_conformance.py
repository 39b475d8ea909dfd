"""Every adapter and every fake satisfies its port, as mypy sees it (tests/test_port_conformance.py
type-checks this module strictly; nothing here runs). One function per pair: the argument is
returned as the port, which mypy accepts only if the class conforms."""

from boxoffice.adapters.images.pillow_cleaner import PillowImageCleaner
from boxoffice.adapters.messaging.memory import InMemoryBroker
from boxoffice.adapters.messaging.rabbitmq import RabbitMqBroker
from boxoffice.adapters.messaging.redis_streams import RedisStreamsBroker
from boxoffice.adapters.notifications.in_process import InProcessFanout
from boxoffice.adapters.notifications.redis_fanout import RedisFanout
from boxoffice.adapters.oidc.authorization_server import HttpxAuthorizationServer
from boxoffice.adapters.oidc.token_verifier import OidcTokenVerifier
from boxoffice.adapters.rate_limit.memory import InMemoryRateLimiter
from boxoffice.adapters.rate_limit.redis import RedisRateLimiter
from boxoffice.adapters.security.bcrypt_hasher import BcryptPasswordHasher
from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.security.signed_values import SignedValues
from boxoffice.adapters.sqlalchemy.attachment_repository import SqlAlchemyAttachmentRepository
from boxoffice.adapters.sqlalchemy.booking_repository import SqlAlchemyBookingRepository
from boxoffice.adapters.sqlalchemy.engine import SqlAlchemyStorageProbe
from boxoffice.adapters.sqlalchemy.event_reads import SqlAlchemyEventReads
from boxoffice.adapters.sqlalchemy.event_repository import SqlAlchemyEventRepository
from boxoffice.adapters.sqlalchemy.market_sync_repository import SqlAlchemyMarketSyncRepository
from boxoffice.adapters.sqlalchemy.notification_store import SqlAlchemyNotificationStore
from boxoffice.adapters.sqlalchemy.notification_unit_of_work import (
    SqlAlchemyNotificationUnitOfWork,
)
from boxoffice.adapters.sqlalchemy.outbox import SqlAlchemyOutbox
from boxoffice.adapters.sqlalchemy.registration_repository import SqlAlchemyRegistrationRepository
from boxoffice.adapters.sqlalchemy.saved_event_repository import SqlAlchemySavedEventRepository
from boxoffice.adapters.sqlalchemy.store_changes import PostgresCommits, SqliteDataVersion
from boxoffice.adapters.sqlalchemy.subscription_repository import SqlAlchemySubscriptionRepository
from boxoffice.adapters.sqlalchemy.ticket_sales import SqlAlchemyTicketSales
from boxoffice.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from boxoffice.adapters.sqlalchemy.user_repository import SqlAlchemyUserRepository
from boxoffice.adapters.storage.filesystem import FilesystemFileStorage
from boxoffice.adapters.storage.s3 import S3FileStorage
from boxoffice.adapters.system.clock import SystemClock
from boxoffice.adapters.system.ticket_codes import SecretsTicketCodes
from boxoffice.adapters.ticketmaster.gateway import HttpxTicketmasterGateway
from boxoffice.adapters.ticketmaster.pacing import InProcessDailyBudget
from boxoffice.adapters.ticketmaster.redis_budget import RedisDailyBudget
from boxoffice.application.ports.attachments import AttachmentRepository
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.event_reads import EventReads
from boxoffice.application.ports.file_storage import FileStorage, ImageCleaner
from boxoffice.application.ports.health import StorageProbe, StoreChanges
from boxoffice.application.ports.market_syncs import MarketSyncRepository
from boxoffice.application.ports.message_broker import MessageBroker
from boxoffice.application.ports.notifications import (
    NotificationFanout,
    NotificationStore,
    NotificationUnitOfWork,
)
from boxoffice.application.ports.outbox import Outbox
from boxoffice.application.ports.outbox_signal import OutboxSignal
from boxoffice.application.ports.rate_limiter import RateLimiter
from boxoffice.application.ports.repositories import (
    BookingRepository,
    EventRepository,
    RegistrationRepository,
    UserRepository,
)
from boxoffice.application.ports.saved_events import SavedEventRepository
from boxoffice.application.ports.security import (
    AuthorizationServer,
    ExternalTokenVerifier,
    PasswordHasher,
    TokenIssuer,
    TokenVerifier,
    ValueSigner,
)
from boxoffice.application.ports.subscriptions import SubscriptionRepository
from boxoffice.application.ports.ticket_codes import TicketCodes
from boxoffice.application.ports.ticket_sales import TicketSales
from boxoffice.application.ports.ticketmaster import TicketmasterGateway
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.ports.upstream_budget import UpstreamBudget
from boxoffice.entrypoints.outbox_relay import OutboxWakeUp
from tests.fake_attachments import InMemoryAttachmentRepository, InMemoryFileStorage
from tests.fake_broker import RecordingBroker
from tests.fake_event_reads import InMemoryEventReads
from tests.fake_gateway import FakeTicketmasterGateway
from tests.fake_health import SwitchedStorageProbe
from tests.fake_market_syncs import InMemoryMarketSyncRepository
from tests.fake_notifications import (
    InMemoryNotificationStore,
    InMemoryNotificationUnitOfWork,
    RecordingFanout,
)
from tests.fake_repositories import (
    InMemoryBookingRepository,
    InMemoryEventRepository,
    InMemoryRegistrationRepository,
    InMemoryUserRepository,
)
from tests.fake_saved_events import InMemorySavedEventRepository
from tests.fake_subscriptions import InMemoryOutbox, InMemorySubscriptionRepository
from tests.fakes import (
    FakePasswordHasher,
    FakeTicketCodes,
    FakeTokens,
    FixedClock,
    InMemoryTicketSales,
    InMemoryUnitOfWork,
)


def unit_of_work(a: SqlAlchemyUnitOfWork, f: InMemoryUnitOfWork) -> list[UnitOfWork]:
    return [a, f]


def events(a: SqlAlchemyEventRepository, f: InMemoryEventRepository) -> list[EventRepository]:
    return [a, f]


def event_reads(a: SqlAlchemyEventReads, f: InMemoryEventReads) -> list[EventReads]:
    return [a, f]


def bookings(
    a: SqlAlchemyBookingRepository, f: InMemoryBookingRepository
) -> list[BookingRepository]:
    return [a, f]


def registrations(
    a: SqlAlchemyRegistrationRepository, f: InMemoryRegistrationRepository
) -> list[RegistrationRepository]:
    return [a, f]


def users(a: SqlAlchemyUserRepository, f: InMemoryUserRepository) -> list[UserRepository]:
    return [a, f]


def saved_events(
    a: SqlAlchemySavedEventRepository, f: InMemorySavedEventRepository
) -> list[SavedEventRepository]:
    return [a, f]


def subscriptions(
    a: SqlAlchemySubscriptionRepository, f: InMemorySubscriptionRepository
) -> list[SubscriptionRepository]:
    return [a, f]


def market_syncs(
    a: SqlAlchemyMarketSyncRepository, f: InMemoryMarketSyncRepository
) -> list[MarketSyncRepository]:
    return [a, f]


def outbox(a: SqlAlchemyOutbox, f: InMemoryOutbox) -> list[Outbox]:
    return [a, f]


def storage_probe(a: SqlAlchemyStorageProbe, f: SwitchedStorageProbe) -> list[StorageProbe]:
    return [a, f]


def store_changes(a: PostgresCommits, b: SqliteDataVersion) -> list[StoreChanges]:
    return [a, b]


def outbox_signal(a: OutboxWakeUp) -> list[OutboxSignal]:
    return [a]


def notification_store(
    a: SqlAlchemyNotificationStore, f: InMemoryNotificationStore
) -> list[NotificationStore]:
    return [a, f]


def notification_unit_of_work(
    a: SqlAlchemyNotificationUnitOfWork, f: InMemoryNotificationUnitOfWork
) -> list[NotificationUnitOfWork]:
    return [a, f]


def notification_fanout(
    a: InProcessFanout, b: RedisFanout, f: RecordingFanout
) -> list[NotificationFanout]:
    return [a, b, f]


def message_broker(
    a: InMemoryBroker, b: RabbitMqBroker, c: RedisStreamsBroker, f: RecordingBroker
) -> list[MessageBroker]:
    return [a, b, c, f]


def rate_limiter(a: InMemoryRateLimiter, b: RedisRateLimiter) -> list[RateLimiter]:
    return [a, b]


def upstream_budget(a: InProcessDailyBudget, b: RedisDailyBudget) -> list[UpstreamBudget]:
    return [a, b]


def ticketmaster(
    a: HttpxTicketmasterGateway, f: FakeTicketmasterGateway
) -> list[TicketmasterGateway]:
    return [a, f]


def password_hasher(a: BcryptPasswordHasher, f: FakePasswordHasher) -> list[PasswordHasher]:
    return [a, f]


def token_issuer(a: JwtTokenService, f: FakeTokens) -> list[TokenIssuer]:
    return [a, f]


def token_verifier(a: JwtTokenService, f: FakeTokens) -> list[TokenVerifier]:
    return [a, f]


def external_token_verifier(a: OidcTokenVerifier) -> list[ExternalTokenVerifier]:
    return [a]


def authorization_server(a: HttpxAuthorizationServer) -> list[AuthorizationServer]:
    return [a]


def clock(a: SystemClock, f: FixedClock) -> list[Clock]:
    return [a, f]


def ticket_codes(a: SecretsTicketCodes, f: FakeTicketCodes) -> list[TicketCodes]:
    return [a, f]


def attachments(
    a: SqlAlchemyAttachmentRepository, f: InMemoryAttachmentRepository
) -> list[AttachmentRepository]:
    return [a, f]


def file_storage(
    a: FilesystemFileStorage, b: S3FileStorage, f: InMemoryFileStorage
) -> list[FileStorage]:
    return [a, b, f]


def image_cleaner(a: PillowImageCleaner) -> list[ImageCleaner]:
    return [a]


def ticket_sales(a: SqlAlchemyTicketSales, f: InMemoryTicketSales) -> list[TicketSales]:
    return [a, f]


def value_signer(a: SignedValues) -> list[ValueSigner]:
    return [a]
