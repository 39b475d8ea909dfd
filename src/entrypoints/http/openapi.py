"""The OpenAPI document, Swagger UI and ReDoc; the identity provider's sign-in if configured."""

from typing import Any

from litestar import Litestar
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, Reference, SecurityScheme

from boxoffice.entrypoints.http.docs_assets import OfflineRedoc, OfflineSwagger
from boxoffice.entrypoints.http.openapi_problems import document_problems, operations
from boxoffice.entrypoints.http.openapi_schemas import correct_schemas, nested_structs
from boxoffice.entrypoints.http.openapi_uploads import document_uploads
from boxoffice.entrypoints.settings import Settings

BEARER = "BearerToken"
PROVIDER = "IdentityProvider"

API_DESCRIPTION = """Events, registrations and ticket bookings that never oversell.

Every list takes `page` and `size`; every answer with times takes `tz` (an IANA zone).
Errors are RFC 9457 `application/problem+json`. No text (in a path, query, header or body)
may contain a NUL character (U+0000): such a request is refused with 400."""


def openapi_config(settings: Settings) -> OpenAPIConfig:
    schemes: dict[str, SecurityScheme | Reference] = {
        BEARER: SecurityScheme(
            type="http",
            scheme="bearer",
            bearer_format="JWT",
            description="a token from POST /auth/login, GET /auth/oidc/callback or the provider",
        )
    }
    swagger = OfflineSwagger()
    if settings.identity.oidc_sign_in_enabled:
        # Swagger UI reads the provider's endpoints from its discovery document and runs the
        # authorization code flow with PKCE itself; the provider's access token then goes to
        # the API as a bearer token.
        schemes[PROVIDER] = SecurityScheme(
            type="openIdConnect",
            open_id_connect_url=settings.identity.oidc_issuer.rstrip("/")
            + "/.well-known/openid-configuration",
            description="sign in with the identity provider (authorization code + PKCE)",
        )
        swagger = OfflineSwagger(
            init_oauth={
                "clientId": settings.identity.oidc_client_id,
                "scopes": settings.identity.oidc_scopes,
                "usePkceWithAuthorizationCodeGrant": True,
                "additionalQueryStringParams": {"audience": settings.identity.oidc_audience},
            }
        )
    return OpenAPIConfig(
        title="boxoffice",
        version="0.1.0",
        description=API_DESCRIPTION,
        path="/schema",
        render_plugins=[swagger, OfflineRedoc()],
        components=Components(security_schemes=schemes),
    )


def offer_provider_sign_in(app: Litestar) -> None:
    """Every operation that takes a bearer token also takes the provider's, so the token Swagger
    UI gets from the provider is sent where a local one would be."""
    for path_item in (app.openapi_schema.paths or {}).values():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(path_item, method, None)
            if operation is not None and operation.security and {BEARER: []} in operation.security:
                operation.security.append({PROVIDER: []})


def document_truthfully(app: Litestar, settings: Settings) -> None:
    """Correct what Litestar generates to what the app really accepts and answers."""
    if settings.identity.oidc_sign_in_enabled:
        offer_provider_sign_in(app)
    document_uploads(app, settings)
    document_problems(app, settings)
    correct_schemas(app, _body_types(app))


def _body_types(app: Litestar) -> dict[str, type[Any]]:
    """Each request body's Struct, and the Structs inside it (a GeoJSON point)."""
    bodies = {}
    for _, _, handler in operations(app):
        data = handler.parsed_fn_signature.parameters.get("data")
        if data is not None and isinstance(data.annotation, type):
            bodies[data.annotation.__name__] = data.annotation
            bodies |= {inner.__name__: inner for inner in nested_structs(data.annotation)}
    return bodies
