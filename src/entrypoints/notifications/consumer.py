"""The notification service's side of the broker: every event change becomes a notification."""

from collections.abc import Callable

from loguru import logger

from adapters.messaging.codec import UndecodableMessage, decode
from application.ports.message_broker import BrokerMessage, MessageHandler
from application.use_cases.record_notification import RecordNotification

QUEUE = "notifications"
ROUTING_KEYS = ("event.*",)


def notification_handler(record: Callable[[], RecordNotification]) -> MessageHandler:
    async def handle(message: BrokerMessage) -> None:
        try:
            change = decode(message)
        except UndecodableMessage:
            # Raised again so that the broker moves it aside (dead letters) after its retries.
            logger.error("undecodable message {} ({})", message.id, message.routing_key)
            raise
        await record().execute(change)

    return handle
