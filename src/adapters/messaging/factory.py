"""The broker named by a URL: `memory://`, `amqp://...` (RabbitMQ) or `redis://.../db`. A
broker's client library is imported only when its URL is given (aio-pika alone is over 10 MB
in every process)."""

from urllib.parse import urlsplit

from boxoffice.adapters.messaging.memory import InMemoryBroker
from boxoffice.application.ports.message_broker import MessageBroker

SCHEMES = ("memory", "amqp", "amqps", "redis", "rediss", "unix")


class UnknownBrokerUrl(ValueError):
    """The URL names no broker this application knows."""


def broker_from_url(url: str) -> MessageBroker:
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        return InMemoryBroker()
    if scheme in ("amqp", "amqps"):
        from boxoffice.adapters.messaging.rabbitmq import RabbitMqBroker

        return RabbitMqBroker(url)
    if scheme in ("redis", "rediss", "unix"):
        from boxoffice.adapters.messaging.redis_streams import RedisStreamsBroker

        return RedisStreamsBroker.from_url(url)
    raise UnknownBrokerUrl(f"a broker URL starts with one of {', '.join(SCHEMES)}: not {url!r}")
