from dataclasses import dataclass

from loguru import logger

from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.ports.security import AccessToken, PasswordHasher, TokenIssuer
from boxoffice.application.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class LogInCommand:
    login: str
    password: str


class LogIn:
    """Username or e-mail plus password gives an access token.

    An unknown login costs the same hashing work as a wrong password and gets the same answer,
    so the endpoint does not tell which usernames exist.
    """

    def __init__(self, uow: UnitOfWork, hasher: PasswordHasher, tokens: TokenIssuer) -> None:
        self._uow = uow
        self._hasher = hasher
        self._tokens = tokens

    async def execute(self, command: LogInCommand) -> AccessToken:
        async with self._uow as uow:
            user = await uow.users.get_by_login(command.login.strip())
        stored = user.password_hash if user is not None else None
        if not await self._hasher.verify(command.password, stored) or user is None:
            logger.info("failed login")
            raise NotAuthenticated("invalid login or password")
        logger.bind(user_id=str(user.id)).info("user logged in")
        return self._tokens.issue(user)
