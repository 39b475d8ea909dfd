"""The notification service's composition root: the event service's infrastructure, identity
and messaging containers (their own instances in a process of its own, the event service's
when it is embedded there), and what only this service has."""

from dependency_injector import containers, providers

from boxoffice.adapters.notifications.in_process import InProcessFanout
from boxoffice.adapters.sqlalchemy.notification_unit_of_work import (
    SqlAlchemyNotificationUnitOfWork,
)
from boxoffice.application.ports.notifications import NotificationFanout
from boxoffice.application.use_cases.list_notifications import ListNotifications
from boxoffice.application.use_cases.mark_all_notifications_read import MarkAllNotificationsRead
from boxoffice.application.use_cases.mark_notification_read import MarkNotificationRead
from boxoffice.application.use_cases.record_notification import RecordNotification
from boxoffice.application.use_cases.replay_notifications import ReplayNotifications
from boxoffice.entrypoints.container_identity import Identity
from boxoffice.entrypoints.container_infrastructure import Infrastructure, Messaging
from boxoffice.entrypoints.notifications.hub import Hub
from boxoffice.entrypoints.notifications.socket import SocketPolicy
from boxoffice.entrypoints.settings import Settings


def redis_fanout(url: str, channel: str) -> NotificationFanout:
    """Redis's client is imported only where Redis is configured."""
    from boxoffice.adapters.notifications.redis_fanout import RedisFanout

    return RedisFanout.from_url(url, channel)


class NotificationsContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    config = settings.provided.notifications

    infrastructure = providers.Container(Infrastructure, settings=settings)
    # Tokens are the event service's own, checked with the shared secret.
    identity = providers.Container(Identity, settings=settings, infrastructure=infrastructure)
    messaging = providers.Container(Messaging, settings=settings, infrastructure=infrastructure)

    # Started and closed by the app's lifespan
    fanout = providers.Selector(
        settings.provided.redis.backend,
        redis=providers.Singleton(redis_fanout, settings.provided.redis.url, config.channel),
        memory=providers.Singleton(InProcessFanout),
    )
    uow = providers.Factory(SqlAlchemyNotificationUnitOfWork, engine=infrastructure.engine)

    # This process's sockets
    hub = providers.Singleton(Hub, capacity=config.send_queue)
    socket_policy = providers.Singleton(
        SocketPolicy,
        auth_timeout=config.auth_timeout_seconds,
        heartbeat_interval=config.heartbeat_seconds,
        heartbeat_timeout=config.heartbeat_timeout_seconds,
    )

    # Use cases
    record_notification = providers.Factory(RecordNotification, uow=uow, fanout=fanout)
    list_notifications = providers.Factory(ListNotifications, uow=uow)
    replay_notifications = providers.Factory(ReplayNotifications, uow=uow)
    mark_notification_read = providers.Factory(MarkNotificationRead, uow=uow)
    mark_all_notifications_read = providers.Factory(MarkAllNotificationsRead, uow=uow)


def build_notifications_container(settings: Settings) -> NotificationsContainer:
    return NotificationsContainer(settings=settings)
