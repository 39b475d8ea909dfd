"""Passwords and access tokens, behind ports so the use cases never see a library."""

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from boxoffice.application.services.auth import Principal
from boxoffice.domain.users import Role, User


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


@runtime_checkable  # the socket handler's dependency is checked against it by Litestar
class TokenVerifier(Protocol):
    async def verify(self, token: str) -> Principal:
        """The caller the token proves; NotAuthenticated when it proves nothing."""


@dataclass(frozen=True, slots=True)
class ExternalIdentity:
    """Who an identity provider's verified token says the caller is."""

    issuer: str
    subject: str
    email: str | None = None
    email_verified: bool = False
    name: str | None = None
    preferred_username: str | None = None
    role: Role | None = None  # None when the provider does not manage roles


class ExternalTokenVerifier(Protocol):
    """Verifies the JWTs of one identity provider (access tokens or id_tokens)."""

    def accepts(self, token: str) -> bool:
        """Whether the token claims to come from this provider (read before any verification)."""

    async def verify(self, token: str, nonce: str | None = None) -> ExternalIdentity:
        """The identity a valid token proves; NotAuthenticated otherwise. With `nonce`, the
        token must carry exactly that nonce (an id_token of one sign-in)."""


class AuthorizationServer(Protocol):
    """The provider's side of the authorization code flow (with PKCE)."""

    async def authorization_url(
        self, *, redirect_uri: str, state: str, nonce: str, code_challenge: str
    ) -> str: ...

    async def exchange_code(self, *, code: str, redirect_uri: str, code_verifier: str) -> str:
        """The id_token for `code`; ProviderSignInFailed when the provider refuses it."""


class ValueSigner(Protocol):
    """Small values sealed for a short while (a sign-in's secrets, kept by the browser)."""

    def dump(self, values: dict[str, str]) -> str: ...

    def load(self, signed: str) -> dict[str, Any] | None:
        """The values, or None when forged, expired or garbled."""
