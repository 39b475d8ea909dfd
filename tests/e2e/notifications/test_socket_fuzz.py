"""Whatever a client sends first, the socket is refused with 4400 or 4401, never an error."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.exceptions import WebSocketDisconnect

from tests.e2e.notifications.service import WAIT_S, Service

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
auth_like = st.fixed_dictionaries(
    {"type": st.just("auth"), "token": st.text(max_size=40)},
    optional={"last_id": json_values},
)
first_messages = st.one_of(
    st.text(max_size=80), json_values.map(json.dumps), auth_like.map(json.dumps)
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=first_messages)
def test_any_first_message_without_a_valid_token_is_refused_cleanly(
    service: Service, first: str
) -> None:
    with service.client.websocket_connect("/ws/notifications") as ws:
        ws.send_text(first)
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json(timeout=WAIT_S)

    assert closed.value.code in (4400, 4401), (first, closed.value.code, closed.value.detail)
