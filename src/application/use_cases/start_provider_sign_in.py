"""Signing in through the identity provider from a browser: authorization code with PKCE.

The sign-in's secrets (state, nonce, PKCE verifier) travel with the browser, sealed: nothing
is stored on our side between the two legs."""

import base64
import hashlib
import secrets
from dataclasses import dataclass

from boxoffice.application.ports.security import AuthorizationServer, ValueSigner

SIGN_IN_SECONDS = 600  # how long a started sign-in may take to come back


@dataclass(frozen=True, slots=True)
class StartSignIn:
    redirect_uri: str  # where the provider sends the browser back


@dataclass(frozen=True, slots=True)
class SignInStarted:
    """Where to send the browser, and the sealed secrets it must bring back."""

    url: str
    flow: str
    expires_in: int = SIGN_IN_SECONDS


class StartProviderSignIn:
    def __init__(self, server: AuthorizationServer, flows: ValueSigner) -> None:
        self._server = server
        self._flows = flows

    async def execute(self, command: StartSignIn) -> SignInStarted:
        state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
        url = await self._server.authorization_url(
            redirect_uri=command.redirect_uri,
            state=state,
            nonce=nonce,
            code_challenge=_s256(verifier),
        )
        flow = self._flows.dump({"state": state, "nonce": nonce, "verifier": verifier})
        return SignInStarted(url, flow)


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
