"""The broker side: an undecodable message is dead-lettered, and the rest keep flowing."""

import time

from boxoffice.application.ports.message_broker import BrokerMessage
from tests.builders import a_user
from tests.e2e.notifications.service import Service, next_notification
from tests.fake_notifications import a_change


def test_an_undecodable_message_is_dead_lettered_and_later_ones_still_arrive(
    service: Service,
) -> None:
    poison = BrokerMessage("poison-1", "event.updated", b'{"version": 1, "id": "nope"}')
    good = a_change()
    with service.socket(a_user("priya")) as ws:
        service.client.blocking_portal.call(service.broker.publish, poison)
        service.publish(good)

        assert next_notification(ws)["event"]["id"] == str(good.event_id)
    deadline = time.monotonic() + 5
    while not service.broker.dead_letters and time.monotonic() < deadline:
        time.sleep(0.01)
    assert service.broker.dead_letters == [poison]
