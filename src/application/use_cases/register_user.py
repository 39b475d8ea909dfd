from dataclasses import replace

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.security import PasswordHasher
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.accounts import NewUser, OpenAccount
from boxoffice.domain.users import Role, User

__all__ = ["NewUser", "RegisterUser"]


class RegisterUser:
    """Self sign-up: a customer account, not yet verified (verification mail plugs in here)."""

    def __init__(self, uow: UnitOfWork, clock: Clock, hasher: PasswordHasher) -> None:
        self._accounts = OpenAccount(uow, clock, hasher)

    async def execute(self, command: NewUser) -> User:
        return await self._accounts.open(replace(command, role=Role.CUSTOMER), verified=False)
