"""Signing in through the identity provider from a browser (authorization code + PKCE)."""

import hmac
from typing import Annotated, Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import Redirect

from boxoffice.adapters.security.signed_values import SignedValues
from boxoffice.application.errors import ProviderSignInFailed
from boxoffice.application.use_cases.sign_in_with_provider import FinishSignIn, SignInWithProvider
from boxoffice.entrypoints.http.problems import domain_error
from boxoffice.entrypoints.http.rate_limit import LIMITED_AS_CREDENTIALS
from boxoffice.entrypoints.http.schemas.users import TokenOut
from boxoffice.entrypoints.settings import Settings

FLOW_COOKIE = "boxoffice_sign_in"
FLOW_PATH = "/auth/oidc"
FLOW_SECONDS = 600
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
        sign_in_with_provider: NamedDependency[SignInWithProvider],
    ) -> Redirect:
        settings = _settings(request)
        started = await sign_in_with_provider.start(_callback_url(request, settings))
        flow = {"state": started.state, "nonce": started.nonce, "verifier": started.code_verifier}
        cookie = Cookie(
            key=FLOW_COOKIE,
            value=SignedValues(_secret(request), FLOW_SECONDS).dump(flow),
            path=FLOW_PATH,
            max_age=FLOW_SECONDS,
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
        sign_in_with_provider: NamedDependency[SignInWithProvider],
        code: Param = None,
        oauth_state: StateParam = None,
        error: Param = None,
        error_description: Param = None,
    ) -> Response[TokenOut]:
        if error:
            raise ProviderSignInFailed(
                f"the identity provider said {error}: {error_description or ''}".strip(" :")
            )
        settings = _settings(request)
        flow = SignedValues(_secret(request)).load(request.cookies.get(FLOW_COOKIE, ""))
        if flow is None:
            raise ProviderSignInFailed(
                "this sign-in expired or began in another browser; start again"
            )
        if not code or not oauth_state or not _same(oauth_state, flow.get("state")):
            raise ProviderSignInFailed("the sign-in's state does not match; start again")
        token = await sign_in_with_provider.finish(
            FinishSignIn(
                code, _callback_url(request, settings), str(flow["verifier"]), str(flow["nonce"])
            )
        )
        body = TokenOut(access_token=token.token, expires_in=token.expires_in)
        if settings.identity.oidc_frontend_url:
            fragment = urlencode(
                {
                    "access_token": body.access_token,
                    "token_type": body.token_type,
                    "expires_in": body.expires_in,
                }
            )
            response: Response[Any] = Redirect(
                f"{settings.identity.oidc_frontend_url}#{fragment}",
                status_code=303,
                headers=NO_STORE,
            )
        else:
            response = Response(body, headers=NO_STORE)
        response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
        return response


def _settings(request: Request[Any, Any, Any]) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _secret(request: Request[Any, Any, Any]) -> str:
    """The tokens' secret, configured or made for this process, signs the flow's cookie."""
    secret: str = request.app.state.container.identity.secret()
    return secret


def _callback_url(request: Request[Any, Any, Any], settings: Settings) -> str:
    base = settings.http.public_url or str(request.base_url)
    return base.rstrip("/") + FLOW_PATH + "/callback"


def _same(given: str, expected: object) -> bool:
    return isinstance(expected, str) and hmac.compare_digest(given.encode(), expected.encode())
