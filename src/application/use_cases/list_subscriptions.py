from dataclasses import dataclass

from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.subscriptions import Subscription
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal


@dataclass(frozen=True, slots=True)
class ListSubscriptionsQuery:
    actor: Principal
    page: PageRequest


class ListSubscriptions:
    """The caller's subscriptions, newest first, whatever their events' status or date."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, query: ListSubscriptionsQuery) -> Page[Subscription]:
        async with self._uow as uow:
            return await uow.subscriptions.list_for_user(query.actor.user_id, query.page)
