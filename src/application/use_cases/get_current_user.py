from application.auth import Principal
from application.errors import NotAuthenticated
from application.ports.unit_of_work import UnitOfWork
from domain.users import User


class GetCurrentUser:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Principal) -> User:
        async with self._uow as uow:
            user = await uow.users.get(actor.user_id)
        if user is None:
            raise NotAuthenticated("the account of this token no longer exists")
        return user
