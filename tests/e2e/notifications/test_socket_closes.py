"""GET /ws/notifications refuses and closes sockets with the documented codes."""

import time

import pytest
from jwt.api_jws import PyJWS
from litestar.exceptions import WebSocketDisconnect

from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.system.clock import SystemClock
from tests.absurd_times import ABSURD_TIMES, TIME_CLAIMS, payload_with
from tests.builders import a_user
from tests.e2e.notifications.service import JWT_SECRET, WAIT_S, Service
from tests.fakes import FixedClock


@pytest.mark.parametrize(
    "query",
    ["?token=not-a-jwt", "?token=", ""],
    ids=["garbage token", "empty token", "no token and no auth message"],
)
def test_a_socket_without_a_valid_token_is_closed_with_4401(service: Service, query: str) -> None:
    with (
        service.client.websocket_connect("/ws/notifications" + query) as ws,
        pytest.raises(WebSocketDisconnect) as closed,
    ):
        ws.receive_json(timeout=WAIT_S)

    assert closed.value.code == 4401


def test_an_expired_token_is_closed_with_4401(service: Service) -> None:
    long_ago = service.token(a_user("priya"), ttl_seconds=60, clock=FixedClock())
    with (
        service.client.websocket_connect(f"/ws/notifications?token={long_ago}") as ws,
        pytest.raises(WebSocketDisconnect) as closed,
    ):
        ws.receive_json(timeout=WAIT_S)

    assert closed.value.code == 4401


def test_a_token_signed_with_another_secret_is_closed_with_4401(service: Service) -> None:
    other_secret = "another-secret-of-at-least-32-characters!"
    forged = JwtTokenService(other_secret, "boxoffice", SystemClock())
    token = forged.issue(a_user("priya")).token
    with service.client.websocket_connect("/ws/notifications") as ws:
        ws.send_json({"type": "auth", "token": token})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json(timeout=WAIT_S)

    assert closed.value.code == 4401


@pytest.mark.parametrize(
    ("path", "first_message"),
    [
        ("/ws/notifications?token=x&last_id=-1", None),
        ("/ws/notifications?token=x&last_id=abc", None),
        ("/ws/notifications", '{"type": "hello"}'),
        ("/ws/notifications", "not json"),
        ("/ws/notifications", '{"type": "auth", "token": "x", "last_id": -5}'),
    ],
)
def test_a_malformed_last_id_or_first_message_is_closed_with_4400(
    service: Service, path: str, first_message: str | None
) -> None:
    with service.client.websocket_connect(path) as ws:
        if first_message is not None:
            ws.send_text(first_message)
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json(timeout=WAIT_S)

    assert closed.value.code == 4400


def test_the_socket_closes_with_4401_when_its_token_expires(service: Service) -> None:
    priya = a_user("priya")
    token = service.token(priya, ttl_seconds=1)
    with service.client.websocket_connect(f"/ws/notifications?token={token}") as ws:
        assert ws.receive_json(timeout=WAIT_S)["type"] == "ready"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json(timeout=WAIT_S)

    assert closed.value.code == 4401


def test_a_token_valid_until_the_last_second_of_9999_signs_in(service: Service) -> None:
    priya = a_user("priya")
    claims = {"iss": "boxoffice", "sub": str(priya.id), "role": "customer", "iat": time.time()}
    token = PyJWS().encode(payload_with(claims, "exp", "253402300799"), JWT_SECRET, "HS256")

    with service.client.websocket_connect(f"/ws/notifications?token={token}") as ws:
        assert ws.receive_json(timeout=WAIT_S)["type"] == "ready"


@pytest.mark.parametrize("claim", TIME_CLAIMS)
def test_a_token_with_an_absurd_time_is_closed_with_4401_by_message_or_query(
    service: Service, claim: str
) -> None:
    now = int(time.time())
    claims: dict[str, str | int] = {
        "iss": "boxoffice",
        "sub": str(a_user("priya").id),
        "role": "customer",
    }
    claims |= {"iat": now, "nbf": now, "exp": now + 600}
    for raw in ABSURD_TIMES:
        token = PyJWS().encode(payload_with(claims, claim, raw), JWT_SECRET, algorithm="HS256")
        with service.client.websocket_connect("/ws/notifications") as ws:
            ws.send_json({"type": "auth", "token": token})
            with pytest.raises(WebSocketDisconnect) as by_message:
                ws.receive_json(timeout=WAIT_S)
        with (
            service.client.websocket_connect(f"/ws/notifications?token={token}") as ws,
            pytest.raises(WebSocketDisconnect) as by_query,
        ):
            ws.receive_json(timeout=WAIT_S)

        assert (by_message.value.code, by_query.value.code) == (4401, 4401), raw
