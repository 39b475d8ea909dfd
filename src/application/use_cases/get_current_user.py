from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal
from boxoffice.domain.users import User


class GetCurrentUser:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Principal) -> User:
        async with self._uow as uow:
            user = await uow.users.get(actor.user_id)
        if user is None:
            raise NotAuthenticated("the account of this token no longer exists")
        return user
