"""The server pings; a client that answers stays, one that does not is closed with 4408."""

import time

import pytest
from litestar.exceptions import WebSocketDisconnect

from tests.builders import a_user
from tests.e2e.notifications.service import WAIT_S, Service, next_notification
from tests.fake_notifications import a_change

INTERVAL_S = 0.3


@pytest.fixture
def heartbeat_seconds() -> float:
    return INTERVAL_S


def test_a_client_that_answers_pings_stays_connected(service: Service) -> None:
    priya = a_user("priya")
    with service.socket(priya) as ws:
        started = time.monotonic()
        pings = 0
        while time.monotonic() - started < 6 * INTERVAL_S:
            message = ws.receive_json(timeout=WAIT_S)
            assert message == {"type": "ping"}
            pings += 1
            ws.send_json({"type": "pong"})
        change = a_change()
        service.publish(change)

        assert next_notification(ws)["event"]["id"] == str(change.event_id)
    assert pings >= 2


def test_a_client_that_never_answers_is_closed_with_4408(service: Service) -> None:
    priya = a_user("priya")
    with service.socket(priya) as ws:
        assert ws.receive_json(timeout=WAIT_S) == {"type": "ping"}
        started = time.monotonic()
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json(timeout=WAIT_S)

    assert closed.value.code == 4408
    assert time.monotonic() - started < 3 * INTERVAL_S
