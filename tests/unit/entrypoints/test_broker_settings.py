"""The message broker setting: memory by default, a RabbitMQ or Redis URL, or a clear refusal."""

import pytest

from boxoffice.adapters.messaging.factory import UnknownBrokerUrl, broker_from_url
from boxoffice.adapters.messaging.memory import InMemoryBroker
from boxoffice.adapters.messaging.rabbitmq import RabbitMqBroker
from boxoffice.adapters.messaging.redis_streams import RedisStreamsBroker
from boxoffice.entrypoints.settings import BrokerSettings, Settings, SettingsError


def test_the_default_broker_is_the_in_process_one() -> None:
    settings = Settings.from_env({})

    assert settings.broker.url == "memory://"
    assert isinstance(broker_from_url(settings.broker.url), InMemoryBroker)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("amqp://guest:guest@rabbitmq:5672/", RabbitMqBroker),
        ("amqps://user:secret@broker.example.com/prod", RabbitMqBroker),
        ("redis://cache:6379/2", RedisStreamsBroker),
        ("rediss://cache.example.com:6380/0", RedisStreamsBroker),
    ],
)
async def test_a_broker_url_names_its_adapter(url: str, kind: type) -> None:
    settings = Settings.from_env({"BOXOFFICE_BROKER_URL": url})

    broker = broker_from_url(settings.broker.url)

    assert isinstance(broker, kind)
    await broker.aclose()  # nothing was connected yet: closing is harmless


@pytest.mark.parametrize(
    "url", ["", "memory", "rabbitmq://host", "kafka://broker:9092", "amqp://", "localhost:5672"]
)
def test_an_unknown_broker_url_stops_the_start_naming_the_setting(url: str) -> None:
    with pytest.raises(SettingsError, match="BOXOFFICE_BROKER_URL"):
        Settings.from_env({"BOXOFFICE_BROKER_URL": url})


def test_the_broker_url_is_kept_out_of_the_settings_repr() -> None:
    settings = Settings(broker=BrokerSettings(url="amqp://user:secret@broker/"))

    assert "secret" not in repr(settings)


def test_the_factory_refuses_a_url_it_does_not_know() -> None:
    with pytest.raises(UnknownBrokerUrl, match="kafka"):
        broker_from_url("kafka://broker:9092")
