"""The server pings; a client that answers stays, one that does not is closed with 4408."""

import pytest
from litestar.exceptions import WebSocketDisconnect

from tests.builders import a_user
from tests.e2e.notifications.service import WAIT_S, Service, next_notification
from tests.fake_notifications import a_change

INTERVAL_S = 0.3
# Time for the test client's thread to answer, however loaded the machine.
PONG_TIMEOUT_S = 3.0


@pytest.fixture
def heartbeat_seconds() -> float:
    return INTERVAL_S


@pytest.fixture
def heartbeat_timeout_seconds() -> float:
    return PONG_TIMEOUT_S


def test_a_client_that_answers_pings_stays_connected(service: Service) -> None:
    priya = a_user("priya")
    with service.socket(priya) as ws:
        for _ in range(2):  # each ping is checked for its pong before the next one is sent
            assert ws.receive_json(timeout=WAIT_S) == {"type": "ping"}
            ws.send_json({"type": "pong"})
        change = a_change()
        service.publish(change)

        assert next_notification(ws)["event"]["id"] == str(change.event_id)


def test_a_client_that_never_answers_is_closed_with_4408(service: Service) -> None:
    priya = a_user("priya")
    with service.socket(priya) as ws:
        assert ws.receive_json(timeout=WAIT_S) == {"type": "ping"}
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json(timeout=WAIT_S)

    assert closed.value.code == 4408
