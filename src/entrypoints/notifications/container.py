"""The notification service's composition root: its own, sharing no objects with the event
service's; only the broker and the database server are common ground."""

from dependency_injector import containers, providers

from boxoffice.adapters.messaging.factory import broker_from_url
from boxoffice.adapters.notifications.in_process import InProcessFanout
from boxoffice.adapters.notifications.redis_fanout import RedisFanout
from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.sqlalchemy.engine import create_engine
from boxoffice.adapters.sqlalchemy.notification_unit_of_work import (
    SqlAlchemyNotificationUnitOfWork,
)
from boxoffice.adapters.system.clock import SystemClock
from boxoffice.application.use_cases.list_notifications import ListNotifications
from boxoffice.application.use_cases.mark_all_notifications_read import MarkAllNotificationsRead
from boxoffice.application.use_cases.mark_notification_read import MarkNotificationRead
from boxoffice.application.use_cases.record_notification import RecordNotification
from boxoffice.application.use_cases.replay_notifications import ReplayNotifications
from boxoffice.entrypoints.container import closing, engine_lifecycle
from boxoffice.entrypoints.notifications.hub import Hub
from boxoffice.entrypoints.notifications.socket import SocketPolicy
from boxoffice.entrypoints.settings import Settings


class NotificationsContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    # Infrastructure with a lifecycle (the fan-out is started and closed by the app's lifespan)
    engine = providers.Singleton(
        create_engine, settings.provided.database_url, pool_size=settings.provided.db_pool_size
    )
    engine_lifecycle = providers.Resource(engine_lifecycle, engine=engine)
    broker = providers.Singleton(broker_from_url, settings.provided.broker_url)
    broker_lifecycle = providers.Resource(closing, broker)
    fanout = providers.Selector(
        settings.provided.fanout_backend,
        redis=providers.Singleton(
            RedisFanout.from_url,
            settings.provided.redis_url,
            settings.provided.notifications_channel,
        ),
        memory=providers.Singleton(InProcessFanout),
    )

    # Stateless adapters; tokens are the event service's own, checked with the shared secret
    clock = providers.Singleton(SystemClock)
    tokens = providers.Singleton(
        JwtTokenService,
        secret=settings.provided.jwt_secret,
        issuer=settings.provided.jwt_issuer,
        clock=clock,
        ttl_seconds=settings.provided.access_token_ttl_seconds,
    )

    # This process's sockets
    hub = providers.Singleton(Hub, capacity=settings.provided.notifications_send_queue)
    socket_policy = providers.Singleton(
        SocketPolicy,
        auth_timeout=settings.provided.notifications_auth_timeout_seconds,
        heartbeat_interval=settings.provided.notifications_heartbeat_seconds,
        heartbeat_timeout=settings.provided.notifications_heartbeat_timeout_seconds,
    )

    # A transaction per use case run
    uow = providers.Factory(SqlAlchemyNotificationUnitOfWork, engine=engine)

    # Use cases
    record_notification = providers.Factory(RecordNotification, uow=uow, fanout=fanout)
    list_notifications = providers.Factory(ListNotifications, uow=uow)
    replay_notifications = providers.Factory(ReplayNotifications, uow=uow)
    mark_notification_read = providers.Factory(MarkNotificationRead, uow=uow)
    mark_all_notifications_read = providers.Factory(MarkAllNotificationsRead, uow=uow)


def build_notifications_container(settings: Settings) -> NotificationsContainer:
    return NotificationsContainer(settings=settings)
