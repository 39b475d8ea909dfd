"""Signing in through the identity provider from a browser (authorization code + PKCE)."""

from typing import Annotated, Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import Redirect

from boxoffice.application.errors import ProviderSignInFailed
from boxoffice.application.use_cases.finish_provider_sign_in import (
    FinishProviderSignIn,
    ProviderCallback,
)
from boxoffice.application.use_cases.start_provider_sign_in import StartProviderSignIn, StartSignIn
from boxoffice.entrypoints.edge.problems import domain_error
from boxoffice.entrypoints.http.rate_limit import LIMITED_AS_CREDENTIALS
from boxoffice.entrypoints.http.schemas.users import TokenOut
from boxoffice.entrypoints.settings import Settings

FLOW_COOKIE = "boxoffice_sign_in"
FLOW_PATH = "/auth/oidc"
NO_STORE = {"Cache-Control": "no-store"}  # both answers of the callback carry the token
Param = Annotated[str | None, QueryParameter(max_length=4096)]
# `state` is a name Litestar reserves for the application state.
StateParam = Annotated[str | None, QueryParameter(name="state", max_length=4096)]


def _refused(request: Request[Any, Any, Any], error: ProviderSignInFailed) -> Response[Any]:
    """With a front end, a refused sign-in goes back there too, saying why, rather than leaving
    the browser on a JSON page."""
    settings = _settings(request)
    if not settings.identity.oidc_frontend_url:
        return domain_error(request, error)
    fragment = urlencode({"error": "sign_in_failed", "error_description": str(error)})
    response: Response[Any] = Redirect(
        f"{settings.identity.oidc_frontend_url}#{fragment}", status_code=303, headers=NO_STORE
    )
    response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
    return response


class OidcController(Controller):
    path = FLOW_PATH
    tags = ["auth"]

    @get("/login", summary="Sign in with the identity provider (redirects there)")
    async def login(
        self,
        request: Request[Any, Any, Any],
        start_provider_sign_in: NamedDependency[StartProviderSignIn],
    ) -> Redirect:
        settings = _settings(request)
        started = await start_provider_sign_in.execute(
            StartSignIn(_callback_url(request, settings))
        )
        cookie = Cookie(
            key=FLOW_COOKIE,
            value=started.flow,
            path=FLOW_PATH,
            max_age=started.expires_in,
            httponly=True,
            samesite="lax",  # sent on the provider's top-level redirect back to us
            # Behind a proxy that ends TLS the request says http; the public URL says https.
            secure=settings.http.public_url.startswith("https://") or request.url.scheme == "https",
        )
        return Redirect(started.url, status_code=302, cookies=[cookie])

    @get(
        "/callback",
        summary="Where the identity provider sends the browser back",
        opt=LIMITED_AS_CREDENTIALS,  # each call spends a code at the provider
        exception_handlers={ProviderSignInFailed: _refused},
    )
    async def callback(
        self,
        request: Request[Any, Any, Any],
        finish_provider_sign_in: NamedDependency[FinishProviderSignIn],
        code: Param = None,
        oauth_state: StateParam = None,
        error: Param = None,
        error_description: Param = None,
    ) -> Response[TokenOut]:
        settings = _settings(request)
        callback = ProviderCallback(
            redirect_uri=_callback_url(request, settings),
            flow=request.cookies.get(FLOW_COOKIE, ""),
            code=code,
            state=oauth_state,
            error=error,
            error_description=error_description,
        )
        token = await finish_provider_sign_in.execute(callback)
        body = TokenOut(access_token=token.token, expires_in=token.expires_in)
        response = _signed_in(body, settings)
        response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
        return response


def _signed_in(body: TokenOut, settings: Settings) -> Response[Any]:
    """The token as JSON, or, with a front end, in the fragment of a redirect there."""
    if not settings.identity.oidc_frontend_url:
        return Response(body, headers=NO_STORE)
    fragment = urlencode(
        {
            "access_token": body.access_token,
            "token_type": body.token_type,
            "expires_in": body.expires_in,
        }
    )
    frontend = settings.identity.oidc_frontend_url
    return Redirect(f"{frontend}#{fragment}", status_code=303, headers=NO_STORE)


def _settings(request: Request[Any, Any, Any]) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _callback_url(request: Request[Any, Any, Any], settings: Settings) -> str:
    base = settings.http.public_url or str(request.base_url)
    return base.rstrip("/") + FLOW_PATH + "/callback"
