"""GET /ws/notifications: who hears what, exactly once, in order, and what a client missed."""

from datetime import datetime
from uuid import UUID, uuid4

from dependency_injector import providers

from boxoffice.application.models.messages import ChangeAction
from boxoffice.application.use_cases.replay_notifications import ReplayNotifications
from tests.builders import a_user
from tests.e2e.notifications.service import (
    WAIT_S,
    Service,
    event_ids_of,
    ids_of,
    next_notification,
)
from tests.fake_notifications import a_change

UPDATED, DELETED = ChangeAction.UPDATED, ChangeAction.DELETED


def test_a_created_event_reaches_every_connected_user_in_requirement_004s_shape(
    service: Service,
) -> None:
    priya, rahul = a_user("priya"), a_user("rahul")
    change = a_change(title="Jazz at Dusk", actor="admin", creator=uuid4())
    with service.socket(priya) as first, service.socket(rahul) as second:
        service.publish(change)

        heard = [next_notification(first), next_notification(second)]

    assert heard[0] == heard[1]
    message = heard[0]
    assert set(message) == {"type", "id", "notification_type", "event", "user"}
    assert message["type"] == "notification"
    assert isinstance(message["id"], int)
    assert message["notification_type"] == "event.created"
    assert message["user"] == "admin"
    assert message["event"]["id"] == str(change.event_id)
    assert message["event"]["title"] == "Jazz at Dusk"
    assert message["event"]["action"] == "created"
    assert datetime.fromisoformat(message["event"]["timestamp"]) == change.occurred_at


def test_an_update_reaches_only_its_recipients_and_the_creator(service: Service) -> None:
    fan, creator, stranger = a_user("fan"), a_user("creator"), a_user("stranger")
    update = a_change(UPDATED, recipients=(fan.id,), creator=creator.id)
    marker = a_change()  # for everyone: what the stranger hears first if the update missed them
    with (
        service.socket(fan) as fan_ws,
        service.socket(creator) as creator_ws,
        service.socket(stranger) as stranger_ws,
    ):
        service.publish(update, marker)

        assert event_ids_of([next_notification(fan_ws), next_notification(fan_ws)]) == [
            update.event_id,
            marker.event_id,
        ]
        assert next_notification(creator_ws)["event"]["id"] == str(update.event_id)
        assert next_notification(stranger_ws)["event"]["id"] == str(marker.event_id)


def test_a_deletion_reaches_the_creator_even_with_no_subscribers(service: Service) -> None:
    creator = a_user("creator")
    deletion = a_change(DELETED, recipients=(), creator=creator.id)
    with service.socket(creator) as ws:
        service.publish(deletion)

        message = next_notification(ws)

    assert (message["notification_type"], message["event"]["action"]) == (
        "event.deleted",
        "deleted",
    )


def test_a_message_delivered_twice_is_pushed_once(service: Service) -> None:
    priya = a_user("priya")
    change, marker = a_change(), a_change()
    with service.socket(priya) as ws:
        service.publish(change, change, marker)

        heard = [next_notification(ws), next_notification(ws)]

    assert event_ids_of(heard) == [change.event_id, marker.event_id]


def test_several_sockets_of_one_user_each_get_the_notification(service: Service) -> None:
    priya = a_user("priya")
    change = a_change(UPDATED, recipients=(priya.id,))
    with service.socket(priya) as phone, service.socket(priya) as laptop:
        service.publish(change)

        heard = [next_notification(phone), next_notification(laptop)]

    assert event_ids_of(heard) == [change.event_id, change.event_id]
    assert heard[0] == heard[1]


def test_a_reconnecting_client_gets_exactly_what_it_missed_in_order_then_live_ones(
    service: Service,
) -> None:
    priya = a_user("priya")
    with service.socket(priya) as ws:
        service.publish(a_change(), a_change())
        seen = [next_notification(ws), next_notification(ws)]
    last_id = ids_of(seen)[-1]
    missed = [a_change(UPDATED, recipients=(priya.id,)) for _ in range(3)]
    service.publish(*missed, a_change(UPDATED, recipients=(uuid4(),)))  # the last is not hers
    live = a_change()

    with service.socket(priya, last_id=last_id) as ws:
        replayed = ws.replayed
        service.publish(live)
        after = next_notification(ws)

    assert event_ids_of(replayed) == [c.event_id for c in missed]
    assert ids_of(replayed) == sorted(ids_of(replayed))
    assert min(ids_of(replayed)) > last_id
    assert UUID(after["event"]["id"]) == live.event_id


def test_the_last_id_can_come_in_the_auth_message(service: Service) -> None:
    priya = a_user("priya")
    service.publish(a_change(), a_change(), a_change())
    with service.client.websocket_connect("/ws/notifications") as ws:
        ws.send_json({"type": "auth", "token": service.token(priya), "last_id": 1})
        replayed = [next_notification(ws), next_notification(ws)]
        ready = ws.receive_json(timeout=WAIT_S)

    assert (ready["type"], ready["replayed"]) == ("ready", 2)
    assert ids_of(replayed) == [2, 3]


def test_a_client_many_pages_behind_gets_every_missed_notification_once(
    service: Service,
) -> None:
    service.container.replay_notifications.override(
        providers.Factory(ReplayNotifications, uow=service.container.uow, page_size=2)
    )
    priya = a_user("priya")
    missed = [a_change() for _ in range(7)]
    service.publish(*missed)

    with service.socket(priya, last_id=0) as ws:
        replayed = ws.replayed

    assert ids_of(replayed) == list(range(1, 8))
    assert event_ids_of(replayed) == [c.event_id for c in missed]


def test_a_client_without_a_last_id_gets_only_live_notifications(service: Service) -> None:
    priya = a_user("priya")
    service.publish(a_change())
    live = a_change()
    with service.socket(priya) as ws:
        service.publish(live)

        assert UUID(next_notification(ws)["event"]["id"]) == live.event_id
