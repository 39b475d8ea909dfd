"""Subscriptions: follow an event to hear about its changes (the notification service tells).

`event_id` is our event's UUID, or the Ticketmaster id of an imported event already stored.
"""

from zoneinfo import ZoneInfo

from litestar import Controller, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.list_subscriptions import (
    ListSubscriptions,
    ListSubscriptionsQuery,
)
from boxoffice.application.use_cases.subscribe_event import SubscribeCommand, SubscribeToEvent
from boxoffice.application.use_cases.unsubscribe_event import (
    UnsubscribeCommand,
    UnsubscribeFromEvent,
)
from boxoffice.entrypoints.edge.dependencies import BEARER
from boxoffice.entrypoints.edge.paging import PageNumber, PageOut, PageSize, page_request
from boxoffice.entrypoints.http.controllers.saved_events import EventRef
from boxoffice.entrypoints.http.schemas.subscriptions import SubscriptionOut


class SubscriptionController(Controller):
    tags = ["subscriptions"]
    security = BEARER

    @post(
        "/events/{event_id:str}/subscribe",
        summary="Subscribe to an event's changes (201), or find it already subscribed (200)",
    )
    async def subscribe(
        self,
        event_id: EventRef,
        principal: NamedDependency[Principal],
        subscribe_to_event: NamedDependency[SubscribeToEvent],
        display_zone: NamedDependency[ZoneInfo],
    ) -> Response[SubscriptionOut]:
        result = await subscribe_to_event.execute(SubscribeCommand(principal, event_id))
        status = HTTP_201_CREATED if result.created else HTTP_200_OK
        body = SubscriptionOut.from_subscription(result.subscription, display_zone)
        return Response(body, status_code=status)

    @delete(
        "/events/{event_id:str}/subscribe",
        status_code=HTTP_204_NO_CONTENT,
        summary="Unsubscribe (204, also when not subscribed)",
    )
    async def unsubscribe(
        self,
        event_id: EventRef,
        principal: NamedDependency[Principal],
        unsubscribe_from_event: NamedDependency[UnsubscribeFromEvent],
    ) -> None:
        await unsubscribe_from_event.execute(UnsubscribeCommand(principal, event_id))

    @get("/my/subscriptions", summary="The caller's subscriptions, newest first")
    async def my_subscriptions(
        self,
        principal: NamedDependency[Principal],
        list_subscriptions: NamedDependency[ListSubscriptions],
        display_zone: NamedDependency[ZoneInfo],
        page: PageNumber = 1,
        size: PageSize = 20,
    ) -> PageOut[SubscriptionOut]:
        found = await list_subscriptions.execute(
            ListSubscriptionsQuery(principal, page_request(page, size))
        )
        return PageOut.of(found.map(lambda s: SubscriptionOut.from_subscription(s, display_zone)))
