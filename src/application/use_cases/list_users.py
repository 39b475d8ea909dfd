from dataclasses import dataclass

from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_admin
from boxoffice.domain.users import User


@dataclass(frozen=True, slots=True)
class ListUsersQuery:
    actor: Principal
    page: PageRequest


class ListUsers:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, query: ListUsersQuery) -> Page[User]:
        require_admin(query.actor)
        async with self._uow as uow:
            return await uow.users.list(query.page)
