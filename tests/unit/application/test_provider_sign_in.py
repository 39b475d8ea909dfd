"""A browser sign-in through the identity provider finishes only as the sign-in this browser
started: its sealed secrets, its state, its nonce; anything else is refused before the code
is spent."""

from collections.abc import Callable
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

from boxoffice.adapters.security.signed_values import SignedValues
from boxoffice.application.errors import NotAuthenticated, ProviderSignInFailed
from boxoffice.application.ports.security import ExternalIdentity
from boxoffice.application.use_cases.finish_provider_sign_in import (
    FinishProviderSignIn,
    ProviderCallback,
)
from boxoffice.application.use_cases.provision_external_user import ProvisionExternalUser
from boxoffice.application.use_cases.start_provider_sign_in import StartProviderSignIn, StartSignIn
from tests.fakes import FakeTokens, FixedClock, InMemoryUnitOfWork

REDIRECT = "https://boxoffice.example/auth/oidc/callback"


class RecordingServer:
    """The provider's side: hands out an id_token carrying the nonce it was asked for."""

    def __init__(self) -> None:
        self.nonce = ""
        self.exchanged: list[str] = []

    async def authorization_url(
        self, *, redirect_uri: str, state: str, nonce: str, code_challenge: str
    ) -> str:
        self.nonce = nonce
        return f"https://idp.example/authorize?state={state}&redirect_uri={redirect_uri}"

    async def exchange_code(self, *, code: str, redirect_uri: str, code_verifier: str) -> str:
        self.exchanged.append(code)
        return f"id-token-with-{self.nonce}"


class NonceCheckingVerifier:
    def accepts(self, token: str) -> bool:
        return True

    async def verify(self, token: str, nonce: str | None = None) -> ExternalIdentity:
        if token != f"id-token-with-{nonce}":
            raise NotAuthenticated("wrong nonce")
        return ExternalIdentity("https://idp.example", "sub-1", preferred_username="asha")


@pytest.fixture
def server() -> RecordingServer:
    return RecordingServer()


@pytest.fixture
def flows() -> SignedValues:
    return SignedValues("a-secret-of-thirty-two-characters!!")


@pytest.fixture
def finish(server: RecordingServer, flows: SignedValues) -> FinishProviderSignIn:
    provision = ProvisionExternalUser(InMemoryUnitOfWork(), FixedClock())
    return FinishProviderSignIn(server, NonceCheckingVerifier(), provision, FakeTokens(), flows)


async def started(server: RecordingServer, flows: SignedValues) -> ProviderCallback:
    """The callback a browser makes after a sign-in it really started."""
    begun = await StartProviderSignIn(server, flows).execute(StartSignIn(REDIRECT))
    state = parse_qs(urlsplit(begun.url).query)["state"][0]
    return ProviderCallback(REDIRECT, begun.flow, code="the-code", state=state)


async def test_the_browser_that_started_a_sign_in_finishes_it(
    server: RecordingServer, flows: SignedValues, finish: FinishProviderSignIn
) -> None:
    token = await finish.execute(await started(server, flows))

    assert token.token
    assert server.exchanged == ["the-code"]


Change = Callable[[ProviderCallback], ProviderCallback]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda c: replace(c, flow=""), "expired or began in another browser"),
        (lambda c: replace(c, flow="forged.flow.value"), "expired or began in another browser"),
        (lambda c: replace(c, state="someone-elses-state"), "state does not match"),
        (lambda c: replace(c, state=None), "state does not match"),
        (lambda c: replace(c, code=None), "state does not match"),
        (lambda c: replace(c, error="access_denied"), "the identity provider said access_denied"),
    ],
)
async def test_a_callback_that_is_not_this_browsers_sign_in_is_refused_before_the_code_is_spent(
    server: RecordingServer,
    flows: SignedValues,
    finish: FinishProviderSignIn,
    change: Change,
    reason: str,
) -> None:
    callback = change(await started(server, flows))

    with pytest.raises(ProviderSignInFailed, match=reason):
        await finish.execute(callback)
    assert server.exchanged == []


async def test_a_flow_sealed_with_another_secret_is_refused(
    server: RecordingServer, finish: FinishProviderSignIn
) -> None:
    elsewhere = SignedValues("another-secret-of-thirty-two-chars!")
    callback = await started(server, elsewhere)

    with pytest.raises(ProviderSignInFailed, match="expired or began in another browser"):
        await finish.execute(callback)
    assert server.exchanged == []
