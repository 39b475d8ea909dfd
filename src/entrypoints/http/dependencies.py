"""Litestar's own DI, fed by the dependency-injector container.

dependency-injector's `@inject` defaults read as query parameters to Litestar, so each handler
dependency is a plain async function that asks the container for a fresh object.
"""

from typing import Annotated, Any
from zoneinfo import ZoneInfo

from dependency_injector import providers
from litestar import Request
from litestar.di import Provide
from litestar.params import QueryParameter

from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.ports.security import TokenVerifier
from boxoffice.application.services.auth import Principal
from boxoffice.application.services.authenticate import Authenticate
from boxoffice.domain.clock import zone
from boxoffice.entrypoints.container import Container, use_case_providers
from boxoffice.entrypoints.http.controllers.event_filters import event_filter
from boxoffice.entrypoints.http.controllers.near_filter import events_query
from boxoffice.entrypoints.http.rate_limit import client_ip
from boxoffice.entrypoints.settings import Settings


def bridge(provider: providers.Provider[Any]) -> Provide:
    def dependency() -> Any:
        return provider()

    return Provide(dependency, use_cache=False, sync_to_thread=False)


def _bearer_token(request: Request[Any, Any, Any]) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("send an access token as 'Authorization: Bearer <token>'")
    return token.strip()


async def _verified(
    request: Request[Any, Any, Any], verifier: providers.Provider[Any]
) -> Principal:
    token = _bearer_token(request)
    token_verifier: TokenVerifier = verifier()
    return await token_verifier.verify(token)


def principal_provider(verifier: providers.Provider[Any]) -> Provide:
    async def current_principal(request: Request[Any, Any, Any]) -> Principal:
        """The caller proven by `Authorization: Bearer <token>`; 401 otherwise."""
        return await _verified(request, verifier)

    return Provide(current_principal)


def buyer_provider(verifier: providers.Provider[Any]) -> Provide:
    async def current_buyer(request: Request[Any, Any, Any]) -> Principal:
        """The caller proven by the bearer token, for a sale: the sale's own statement checks
        that the user exists, so no read of the user comes first."""
        token = _bearer_token(request)
        authenticate: Authenticate = verifier()
        return await authenticate.verify_claims(token)

    return Provide(current_buyer)


def viewer_provider(verifier: providers.Provider[Any]) -> Provide:
    async def current_viewer(request: Request[Any, Any, Any]) -> Principal | None:
        """Who browses a public list: nobody without an Authorization header, but a 401 for
        a header that proves nobody (a wrong or expired token is worth telling the caller)."""
        if "authorization" not in request.headers:
            return None
        return await _verified(request, verifier)

    return Provide(current_viewer)


def display_zone_provider(settings: Settings) -> Provide:
    async def display_zone(
        tz: Annotated[
            str | None,
            QueryParameter(
                name="tz",
                max_length=64,
                description="IANA time zone for every datetime in the answer "
                f"(default {settings.events.default_timezone})",
            ),
        ] = None,
    ) -> ZoneInfo:
        return zone(tz or settings.events.default_timezone, "tz")

    return Provide(display_zone)


def client_address_provider(settings: Settings) -> Provide:
    trusted = settings.http.trusted_proxy_networks

    async def client_address(request: Request[Any, Any, Any]) -> str:
        """The caller's address, as the edge's rate limits see it."""
        return client_ip(request.scope, trusted)

    return Provide(client_address)


def dependencies(container: Container, settings: Settings) -> dict[str, Provide]:
    # Every use case, by its name in the container
    use_cases = use_case_providers(container.use_cases)
    provided = {name: bridge(provider) for name, provider in use_cases.items()}
    # Built only when a list asks for it: most lists never refresh a market.
    refresher = container.use_cases.refresh_market
    provided["market_refresher"] = Provide(lambda: refresher, use_cache=True, sync_to_thread=False)
    verifier = container.identity.token_verifier
    provided["principal"] = principal_provider(verifier)
    provided["buyer"] = buyer_provider(verifier)
    provided["viewer"] = viewer_provider(verifier)
    provided["event_filter"] = Provide(event_filter)
    provided["events_query"] = Provide(events_query)
    provided["display_zone"] = display_zone_provider(settings)
    provided["client_address"] = client_address_provider(settings)
    provided["settings"] = Provide(lambda: settings, use_cache=True, sync_to_thread=False)
    return provided
