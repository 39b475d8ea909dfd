"""The caller's notification history over HTTP."""

from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import Parameter
from litestar.status_codes import HTTP_204_NO_CONTENT

from boxoffice.application.services.auth import Principal
from boxoffice.application.use_cases.list_notifications import (
    ListNotifications,
    ListNotificationsQuery,
)
from boxoffice.application.use_cases.mark_all_notifications_read import MarkAllNotificationsRead
from boxoffice.application.use_cases.mark_notification_read import (
    MarkNotificationRead,
    MarkNotificationReadCommand,
)
from boxoffice.entrypoints.edge.dependencies import BEARER
from boxoffice.entrypoints.edge.paging import PageNumber, PageOut, PageSize, page_request
from boxoffice.entrypoints.notifications.wire import MAX_NOTIFICATION_ID, NotificationOut

NotificationId = Annotated[
    int, Parameter(ge=1, le=MAX_NOTIFICATION_ID, description="a notification's id")
]


class NotificationController(Controller):
    path = "/notifications"
    tags = ["notifications"]
    security = BEARER

    @get(summary="The caller's notifications, newest first")
    async def list_notifications(
        self,
        principal: NamedDependency[Principal],
        list_notifications: NamedDependency[ListNotifications],
        page: PageNumber = 1,
        size: PageSize = 20,
        unread: Annotated[bool, Parameter(description="only the unread ones")] = False,
    ) -> PageOut[NotificationOut]:
        query = ListNotificationsQuery(principal, page_request(page, size), unread)
        found = await list_notifications.execute(query)
        return PageOut.of(found.map(NotificationOut.of))

    @post(
        "/{notification_id:int}/read",
        status_code=HTTP_204_NO_CONTENT,
        summary="Mark one notification read (404 if it is not the caller's)",
    )
    async def mark_read(
        self,
        notification_id: NotificationId,
        principal: NamedDependency[Principal],
        mark_notification_read: NamedDependency[MarkNotificationRead],
    ) -> None:
        await mark_notification_read.execute(
            MarkNotificationReadCommand(principal, notification_id)
        )

    @post("/read-all", status_code=HTTP_204_NO_CONTENT, summary="Mark every notification read")
    async def mark_all_read(
        self,
        principal: NamedDependency[Principal],
        mark_all_notifications_read: NamedDependency[MarkAllNotificationsRead],
    ) -> None:
        await mark_all_notifications_read.execute(principal)
