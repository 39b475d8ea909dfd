"""Passwords and access tokens, behind ports so the use cases never see a library."""

from dataclasses import dataclass
from typing import Protocol

from application.auth import Principal
from domain.users import User


class PasswordHasher(Protocol):
    async def hash(self, password: str) -> str: ...

    async def verify(self, password: str, password_hash: str | None) -> bool:
        """False for a wrong password, and also (after the same work) for no hash at all."""


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    expires_in: int


class TokenIssuer(Protocol):
    def issue(self, user: User) -> AccessToken: ...


class TokenVerifier(Protocol):
    async def verify(self, token: str) -> Principal:
        """The caller the token proves; NotAuthenticated when it proves nothing."""
