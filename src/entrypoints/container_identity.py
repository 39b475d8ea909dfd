"""Who is calling: the service's own tokens and passwords, and an OpenID provider's."""

import secrets
from typing import TypeVar

import httpx
from dependency_injector import containers, providers

from boxoffice.adapters.oidc.authorization_server import HttpxAuthorizationServer
from boxoffice.adapters.oidc.claims import ClaimsMapper
from boxoffice.adapters.oidc.discovery import JwksCache, OidcDiscovery
from boxoffice.adapters.oidc.token_verifier import OidcTokenVerifier
from boxoffice.adapters.security.bcrypt_hasher import BcryptPasswordHasher
from boxoffice.adapters.security.jwt_tokens import JwtTokenService
from boxoffice.adapters.security.signed_values import SignedValues
from boxoffice.application.services.authenticate import Authenticate
from boxoffice.application.use_cases.provision_external_user import ProvisionExternalUser
from boxoffice.application.use_cases.start_provider_sign_in import SIGN_IN_SECONDS
from boxoffice.entrypoints.container_infrastructure import closing
from boxoffice.entrypoints.settings import Settings

T = TypeVar("T")


def token_secret(configured: str | None) -> str:
    """The configured secret, or one made for this process: tokens it signs work nowhere
    else, which the entrypoints that start several processes refuse or warn about."""
    return configured if configured is not None else secrets.token_urlsafe(32)


def when(enabled: bool, thing: T) -> T | None:
    return thing if enabled else None


class Identity(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    infrastructure = providers.DependenciesContainer()
    config = settings.provided.identity

    # Local accounts and the tokens this service signs (and the sign-in cookie it signs)
    secret = providers.Singleton(token_secret, config.jwt_secret)
    password_hasher = providers.Singleton(BcryptPasswordHasher, rounds=config.bcrypt_rounds)
    tokens = providers.Singleton(
        JwtTokenService,
        secret=secret,
        issuer=config.jwt_issuer,
        clock=infrastructure.clock,
        ttl_seconds=config.access_token_ttl_seconds,
    )

    # The identity provider (OpenID Connect): metadata and keys cached for the process
    http_client = providers.Singleton(httpx.AsyncClient, timeout=10.0, follow_redirects=False)
    http_client_lifecycle = providers.Resource(closing, http_client)
    oidc_discovery = providers.Singleton(
        OidcDiscovery, http_client, config.oidc_issuer, discovery_url=config.oidc_discovery_url
    )
    oidc_keys = providers.Singleton(
        JwksCache,
        http_client,
        oidc_discovery,
        min_refresh_seconds=config.oidc_jwks_refresh_seconds,
    )
    oidc_claims = providers.Singleton(ClaimsMapper, config.oidc_roles_claim, config.oidc_admin_role)
    provider_access_tokens = providers.Singleton(
        OidcTokenVerifier, config.oidc_issuer, config.oidc_audience, oidc_keys, oidc_claims
    )
    provider_id_tokens = providers.Singleton(
        OidcTokenVerifier, config.oidc_issuer, config.oidc_client_id, oidc_keys, oidc_claims
    )
    authorization_server = providers.Singleton(
        HttpxAuthorizationServer,
        http_client,
        oidc_discovery,
        config.oidc_client_id,
        config.oidc_client_secret,
        config.oidc_scopes,
    )

    # Local tokens, and the provider's tokens when one is configured
    provision_external_user = providers.Factory(
        ProvisionExternalUser, uow=infrastructure.uow, clock=infrastructure.clock
    )
    # One for the process, asked by every request: a factory's arguments are evaluated at
    # every call, these once
    token_verifier = providers.Singleton(
        Authenticate,
        uow=infrastructure.uow.provider,
        local=tokens,
        external=providers.Callable(when, config.oidc_enabled, provider_access_tokens),
        provision=provision_external_user.provider,
    )
    # A started provider sign-in's secrets, signed into the browser's cookie
    sign_in_flows = providers.Singleton(SignedValues, secret, ttl_seconds=SIGN_IN_SECONDS)
