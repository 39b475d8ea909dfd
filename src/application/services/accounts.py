"""Opening a user account: the one place a new user is checked, hashed and stored."""

from dataclasses import dataclass
from uuid import uuid4

from loguru import logger

from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.security import PasswordHasher
from boxoffice.application.ports.unit_of_work import UnitOfWork
from boxoffice.domain.users import Role, User, check_password_strength


@dataclass(frozen=True, slots=True)
class NewUser:
    username: str
    email: str
    password: str | None
    full_name: str | None = None
    phone: str | None = None
    role: Role = Role.CUSTOMER


class OpenAccount:
    """Self sign-up and an admin's "create a user" both end here; who may ask, and with which
    role, is theirs to decide."""

    def __init__(self, uow: UnitOfWork, clock: Clock, hasher: PasswordHasher) -> None:
        self._uow = uow
        self._clock = clock
        self._hasher = hasher

    async def open(self, new: NewUser, *, verified: bool) -> User:
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
