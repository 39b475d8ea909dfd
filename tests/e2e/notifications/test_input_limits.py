"""Ids beyond what the store can hold, oversized client messages and odd digits are 4xx
answers and 4400/1009 closes, on both backends, never a 500 or 4500."""

import pytest
from litestar.exceptions import WebSocketDisconnect

from boxoffice.entrypoints.notifications.wire import MAX_CLIENT_MESSAGE_BYTES, MAX_NOTIFICATION_ID
from tests.builders import a_user
from tests.e2e.notifications.service import WAIT_S, Service
from tests.fake_notifications import a_change

BEYOND = [MAX_NOTIFICATION_ID + 1, 2**40, 2**63, 10**30]


@pytest.mark.parametrize("notification_id", BEYOND)
def test_marking_an_id_beyond_the_stores_range_read_is_400(
    service: Service, notification_id: int
) -> None:
    priya = a_user("priya")

    response = service.client.post(
        f"/notifications/{notification_id}/read", headers=service.headers(priya)
    )

    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["field"] == "notification_id"


def test_the_largest_id_the_store_holds_is_a_plain_404(service: Service) -> None:
    response = service.client.post(
        f"/notifications/{MAX_NOTIFICATION_ID}/read", headers=service.headers(a_user("priya"))
    )

    assert response.status_code == 404, response.text


def closing_code(service: Service, path: str, first_message: str | None = None) -> int:
    with service.client.websocket_connect(path) as ws:
        if first_message is not None:
            ws.send_text(first_message)
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json(timeout=WAIT_S)
    return closed.value.code


@pytest.mark.parametrize("last_id", [*BEYOND, "²", "١٢"])
def test_a_last_id_in_the_url_beyond_the_range_or_in_other_digits_closes_with_4400(
    service: Service, last_id: int | str
) -> None:
    token = service.token(a_user("priya"))

    assert closing_code(service, f"/ws/notifications?token={token}&last_id={last_id}") == 4400


@pytest.mark.parametrize("last_id", BEYOND)
def test_a_last_id_in_the_auth_message_beyond_the_range_closes_with_4400(
    service: Service, last_id: int
) -> None:
    token = service.token(a_user("priya"))
    auth = f'{{"type": "auth", "token": "{token}", "last_id": {last_id}}}'

    assert closing_code(service, "/ws/notifications", auth) == 4400


def test_the_largest_last_id_replays_nothing_and_is_ready(service: Service) -> None:
    priya = a_user("priya")
    service.publish(a_change(recipients=(priya.id,)))

    with service.socket(priya, last_id=MAX_NOTIFICATION_ID) as socket:
        assert socket.replayed == []


def test_a_first_message_above_the_cap_closes_with_1009(service: Service) -> None:
    token = service.token(a_user("priya"))
    padding = " " * MAX_CLIENT_MESSAGE_BYTES
    auth = f'{{"type": "auth", "token": "{token}"{padding}}}'

    assert closing_code(service, "/ws/notifications", auth) == 1009


def test_a_first_message_at_the_cap_signs_in(service: Service) -> None:
    token = service.token(a_user("priya"))
    auth = f'{{"type": "auth", "token": "{token}"}}'
    auth = auth[:-1] + " " * (MAX_CLIENT_MESSAGE_BYTES - len(auth)) + "}"

    with service.client.websocket_connect("/ws/notifications") as ws:
        ws.send_text(auth)
        assert ws.receive_json(timeout=WAIT_S)["type"] == "ready"


def test_a_signed_in_client_message_above_the_cap_closes_with_1009(service: Service) -> None:
    with service.socket(a_user("priya")) as socket:
        socket.send_text("x" * (MAX_CLIENT_MESSAGE_BYTES + 1))
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json(timeout=WAIT_S)

    assert closed.value.code == 1009
