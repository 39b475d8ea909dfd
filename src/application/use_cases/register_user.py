from dataclasses import dataclass, replace
from uuid import uuid4

from loguru import logger

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.security import PasswordHasher
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.application.services.auth import Principal, require_admin
from boxoffice.domain.users import Role, User, check_password_strength


@dataclass(frozen=True, slots=True)
class NewUser:
    username: str
    email: str
    password: str | None
    full_name: str | None = None
    phone: str | None = None
    role: Role = Role.CUSTOMER


class RegisterUser:
    """Self sign-up: a customer account, not yet verified (verification mail plugs in here)."""

    def __init__(self, uow: UnitOfWork, clock: Clock, hasher: PasswordHasher) -> None:
        self._uow = uow
        self._clock = clock
        self._hasher = hasher

    async def execute(self, new: NewUser) -> User:
        return await self._create(replace(new, role=Role.CUSTOMER))

    async def _create(self, new: NewUser, *, verified: bool = False) -> User:
        if new.password is not None:
            check_password_strength(new.password)
        user = User(
            id=uuid4(),
            username=new.username,
            email=new.email,
            role=new.role,
            created_at=self._clock.now(),
            full_name=new.full_name,
            phone=new.phone,
            is_verified=verified,
        )
        # Hash only valid input, and outside the transaction: bcrypt is slow on purpose.
        user.password_hash = None if new.password is None else await self._hasher.hash(new.password)
        async with self._uow as uow:
            await uow.users.add(user)
            await uow.commit()
        logger.bind(user_id=str(user.id)).info("user created with role {}", user.role.value)
        return user


class CreateUser(RegisterUser):
    """An admin (or the operator at the console, `actor=None`) creates a user with any role.

    Users made by an admin count as verified; without a password they cannot sign in.
    """

    async def execute_as(self, actor: Principal | None, new: NewUser) -> User:
        if actor is not None:
            require_admin(actor)
        return await self._create(new, verified=True)
