"""The broker named by a URL: `memory://`, `amqp://...` (RabbitMQ) or `redis://.../db`."""

from urllib.parse import urlsplit

from boxoffice.adapters.messaging.memory import InMemoryBroker
from boxoffice.adapters.messaging.rabbitmq import RabbitMqBroker
from boxoffice.adapters.messaging.redis_streams import RedisStreamsBroker
from boxoffice.application.ports.message_broker import MessageBroker

SCHEMES = ("memory", "amqp", "amqps", "redis", "rediss", "unix")


class UnknownBrokerUrl(ValueError):
    """The URL names no broker this application knows."""


def broker_from_url(url: str) -> MessageBroker:
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        return InMemoryBroker()
    if scheme in ("amqp", "amqps"):
        return RabbitMqBroker(url)
    if scheme in ("redis", "rediss", "unix"):
        return RedisStreamsBroker.from_url(url)
    raise UnknownBrokerUrl(f"a broker URL starts with one of {', '.join(SCHEMES)}: not {url!r}")
