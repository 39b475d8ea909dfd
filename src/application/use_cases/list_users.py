from boxoffice.application.models.pagination import Page, PageRequest
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_admin
from boxoffice.domain.users import User


class ListUsers:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Principal, page: PageRequest) -> Page[User]:
        require_admin(actor)
        async with self._uow as uow:
            return await uow.users.list(page)
