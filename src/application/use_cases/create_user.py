from dataclasses import dataclass

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.security import PasswordHasher
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.accounts import NewUser, OpenAccount
from boxoffice.application.services.auth import Principal, require_admin
from boxoffice.domain.users import User


@dataclass(frozen=True, slots=True)
class CreateUserCommand:
    actor: Principal | None  # None: the operator at the console
    user: NewUser


class CreateUser:
    """An admin (or the operator at the console) creates a user with any role.

    Users made by an admin count as verified; without a password they cannot sign in.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock, hasher: PasswordHasher) -> None:
        self._accounts = OpenAccount(uow, clock, hasher)

    async def execute(self, command: CreateUserCommand) -> User:
        if command.actor is not None:
            require_admin(command.actor)
        return await self._accounts.open(command.user, verified=True)
