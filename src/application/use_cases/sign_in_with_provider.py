"""Signing in through the identity provider from a browser: authorization code with PKCE."""

import base64
import hashlib
import secrets
from dataclasses import dataclass

from boxoffice.application.errors import NotAuthenticated, ProviderSignInFailed
from boxoffice.application.ports.security import (
    AccessToken,
    AuthorizationServer,
    ExternalTokenVerifier,
    TokenIssuer,
)
from boxoffice.application.use_cases.provision_external_user import ProvisionExternalUser

FLOW_SECONDS = 600  # how long a started sign-in may take to come back


@dataclass(frozen=True, slots=True)
class SignInStarted:
    """Where to send the browser, and the secrets it must bring back (in a signed cookie)."""

    url: str
    state: str
    nonce: str
    code_verifier: str


@dataclass(frozen=True, slots=True)
class FinishSignIn:
    code: str
    redirect_uri: str
    code_verifier: str
    nonce: str


class SignInWithProvider:
    def __init__(
        self,
        server: AuthorizationServer,
        id_tokens: ExternalTokenVerifier,
        provision: ProvisionExternalUser,
        tokens: TokenIssuer,
    ) -> None:
        self._server = server
        self._id_tokens = id_tokens
        self._provision = provision
        self._tokens = tokens

    async def start(self, redirect_uri: str) -> SignInStarted:
        state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
        url = await self._server.authorization_url(
            redirect_uri=redirect_uri, state=state, nonce=nonce, code_challenge=_s256(verifier)
        )
        return SignInStarted(url, state, nonce, verifier)

    async def finish(self, command: FinishSignIn) -> AccessToken:
        """Exchange the code, check the id_token (signature, iss, aud, nonce), provision the
        user and give them one of our own access tokens, as a password login does."""
        id_token = await self._server.exchange_code(
            code=command.code,
            redirect_uri=command.redirect_uri,
            code_verifier=command.code_verifier,
        )
        try:
            identity = await self._id_tokens.verify(id_token, nonce=command.nonce)
        except NotAuthenticated as e:
            raise ProviderSignInFailed(f"the provider's id_token was refused: {e}") from e
        user = await self._provision.execute(identity)
        return self._tokens.issue(user)


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
