"""GET /notifications, POST /notifications/{id}/read and /read-all over HTTP."""

from typing import Any

import pytest

from boxoffice.application.models.messages import ChangeAction
from boxoffice.domain.users import User
from tests.builders import a_user
from tests.e2e.notifications.service import Service
from tests.fake_notifications import a_change

UPDATED = ChangeAction.UPDATED


def listing(service: Service, user: User, **params: Any) -> dict[str, Any]:
    response = service.client.get("/notifications", params=params, headers=service.headers(user))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_history_is_the_callers_own_newest_first_and_paginated(service: Service) -> None:
    priya, rahul = a_user("priya"), a_user("rahul")
    changes = [a_change(UPDATED, recipients=(priya.id,), title=f"Gig {n}") for n in range(3)]
    service.publish(*changes, a_change(UPDATED, recipients=(rahul.id,)))

    first = listing(service, priya, page=1, size=2)
    second = listing(service, priya, page=2, size=2)

    titles = [item["event"]["title"] for item in first["items"] + second["items"]]
    assert titles == ["Gig 2", "Gig 1", "Gig 0"]
    assert (first["page"], first["size"], first["total"]) == (1, 2, 3)
    assert second["total"] == 3
    item = first["items"][0]
    assert set(item) == {"id", "notification_type", "event", "user", "read"}
    assert (item["notification_type"], item["read"]) == ("event.updated", False)
    assert listing(service, rahul)["total"] == 1


def test_a_created_event_is_in_everyones_history(service: Service) -> None:
    service.publish(a_change(title="Open mic"))

    for user in (a_user("priya"), a_user("rahul")):
        assert [i["event"]["title"] for i in listing(service, user)["items"]] == ["Open mic"]


def test_marking_one_read_shows_it_read_and_drops_it_from_the_unread_filter(
    service: Service,
) -> None:
    priya = a_user("priya")
    service.publish(a_change(), a_change())
    newest, oldest = listing(service, priya)["items"]

    response = service.client.post(
        f"/notifications/{oldest['id']}/read", headers=service.headers(priya)
    )

    assert response.status_code == 204
    assert [i["read"] for i in listing(service, priya)["items"]] == [False, True]
    assert [i["id"] for i in listing(service, priya, unread="true")["items"]] == [newest["id"]]
    assert [i["read"] for i in listing(service, a_user("rahul"))["items"]] == [False, False]


def test_marking_another_users_notification_is_404(service: Service) -> None:
    priya, rahul = a_user("priya"), a_user("rahul")
    service.publish(a_change(UPDATED, recipients=(rahul.id,)))
    (theirs,) = listing(service, rahul)["items"]

    response = service.client.post(
        f"/notifications/{theirs['id']}/read", headers=service.headers(priya)
    )
    unknown = service.client.post("/notifications/999999/read", headers=service.headers(priya))

    assert (response.status_code, unknown.status_code) == (404, 404)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert listing(service, rahul)["items"][0]["read"] is False


def test_read_all_marks_everything_and_later_ones_arrive_unread(service: Service) -> None:
    priya = a_user("priya")
    service.publish(a_change(), a_change(UPDATED, recipients=(priya.id,)))

    response = service.client.post("/notifications/read-all", headers=service.headers(priya))
    later = a_change(title="Later")
    service.publish(later)

    assert response.status_code == 204
    unread = listing(service, priya, unread="true")
    assert [i["event"]["title"] for i in unread["items"]] == ["Later"]
    assert listing(service, priya)["total"] == 3


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/notifications"),
        ("POST", "/notifications/1/read"),
        ("POST", "/notifications/read-all"),
    ],
)
def test_every_history_route_needs_a_token(service: Service, method: str, path: str) -> None:
    response = service.client.request(method, path, headers={"Authorization": "Bearer nope"})
    missing = service.client.request(method, path)

    assert (response.status_code, missing.status_code) == (401, 401)
    assert response.json()["status"] == 401


@pytest.mark.parametrize(
    "query",
    ["page=0", "size=0", "size=101", "page=abc", "unread=maybe"],
)
def test_bad_paging_or_filter_is_a_400_problem(service: Service, query: str) -> None:
    response = service.client.get(
        f"/notifications?{query}", headers=service.headers(a_user("priya"))
    )

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("path", ["/notifications/0/read", "/notifications/abc/read"])
def test_a_bad_notification_id_is_a_4xx_problem(service: Service, path: str) -> None:
    response = service.client.post(path, headers=service.headers(a_user("priya")))

    assert response.status_code in (400, 404)
    assert response.headers["content-type"].startswith("application/problem+json")


def test_health_and_the_openapi_document_answer(service: Service) -> None:
    assert service.client.get("/health").json() == {"status": "ok"}
    paths = service.client.get("/schema/openapi.json").json()["paths"]
    assert {"/notifications", "/notifications/{notification_id}/read"} <= set(paths)
