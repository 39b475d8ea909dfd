"""The browser comes back from the identity provider: check that it is the sign-in we started,
then trade the code for the user's identity and one of our own access tokens."""

import hmac
from dataclasses import dataclass

from boxoffice.application.errors import NotAuthenticated, ProviderSignInFailed
from boxoffice.application.ports.security import (
    AccessToken,
    AuthorizationServer,
    ExternalTokenVerifier,
    TokenIssuer,
    ValueSigner,
)
from boxoffice.application.use_cases.provision_external_user import ProvisionExternalUser


@dataclass(frozen=True, slots=True)
class ProviderCallback:
    redirect_uri: str  # the same one the sign-in started with
    flow: str  # the sealed secrets the browser brought back ("" when it brought none)
    code: str | None = None
    state: str | None = None
    error: str | None = None
    error_description: str | None = None


class FinishProviderSignIn:
    def __init__(
        self,
        server: AuthorizationServer,
        id_tokens: ExternalTokenVerifier,
        provision: ProvisionExternalUser,
        tokens: TokenIssuer,
        flows: ValueSigner,
    ) -> None:
        self._server = server
        self._id_tokens = id_tokens
        self._provision = provision
        self._tokens = tokens
        self._flows = flows

    async def execute(self, command: ProviderCallback) -> AccessToken:
        """Exchange the code, check the id_token (signature, iss, aud, nonce), provision the
        user and give them one of our own access tokens, as a password login does."""
        code, verifier, nonce = self._started(command)
        id_token = await self._server.exchange_code(
            code=code, redirect_uri=command.redirect_uri, code_verifier=verifier
        )
        try:
            identity = await self._id_tokens.verify(id_token, nonce=nonce)
        except NotAuthenticated as e:
            raise ProviderSignInFailed(f"the provider's id_token was refused: {e}") from e
        user = await self._provision.execute(identity)
        return self._tokens.issue(user)

    def _started(self, command: ProviderCallback) -> tuple[str, str, str]:
        """The code, verifier and nonce of the sign-in this browser started; refused otherwise."""
        if command.error:
            said = f"the identity provider said {command.error}: {command.error_description or ''}"
            raise ProviderSignInFailed(said.strip(" :"))
        flow = self._flows.load(command.flow)
        if flow is None:
            raise ProviderSignInFailed(
                "this sign-in expired or began in another browser; start again"
            )
        if not command.code or not command.state or not _same(command.state, flow.get("state")):
            raise ProviderSignInFailed("the sign-in's state does not match; start again")
        return command.code, str(flow["verifier"]), str(flow["nonce"])


def _same(given: str, expected: object) -> bool:
    return isinstance(expected, str) and hmac.compare_digest(given.encode(), expected.encode())
