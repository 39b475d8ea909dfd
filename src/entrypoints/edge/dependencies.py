"""Litestar's own DI fed by a dependency-injector container, and the bearer-token caller: the
same in both services.

dependency-injector's `@inject` defaults read as query parameters to Litestar, so each handler
dependency is a plain async function that asks the container for a fresh object.
"""

from typing import Any

from dependency_injector import providers
from litestar import Request
from litestar.di import Provide

from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.ports.security import TokenVerifier
from boxoffice.application.services.auth import Principal

# The OpenAPI security requirement of a route that needs the bearer token.
BEARER: list[dict[str, list[str]]] = [{"BearerToken": []}]


def bridge(provider: providers.Provider[Any]) -> Provide:
    def dependency() -> Any:
        return provider()

    return Provide(dependency, use_cache=False, sync_to_thread=False)


def bearer_token(request: Request[Any, Any, Any]) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("send an access token as 'Authorization: Bearer <token>'")
    return token.strip()


async def verified(request: Request[Any, Any, Any], verifier: providers.Provider[Any]) -> Principal:
    token = bearer_token(request)
    token_verifier: TokenVerifier = verifier()
    return await token_verifier.verify(token)


def principal_provider(verifier: providers.Provider[Any]) -> Provide:
    async def current_principal(request: Request[Any, Any, Any]) -> Principal:
        """The caller proven by `Authorization: Bearer <token>`; 401 otherwise."""
        return await verified(request, verifier)

    return Provide(current_principal)
