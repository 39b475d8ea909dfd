"""What a sign-in page offers besides a password: the identity providers configured."""

from typing import Any

import msgspec
from litestar import Request, get

from boxoffice.entrypoints.http.controllers.oidc import FLOW_PATH
from boxoffice.entrypoints.settings import Settings


class ProviderOut(msgspec.Struct):
    id: str
    name: str
    login_url: str


@get("/auth/providers", tags=["auth"], summary="The identity providers one may sign in with")
async def providers(request: Request[Any, Any, Any]) -> list[ProviderOut]:
    settings: Settings = request.app.state.settings
    if not settings.identity.oidc_sign_in_enabled:
        return []
    return [
        ProviderOut(
            id="oidc", name=settings.identity.oidc_display_name, login_url=f"{FLOW_PATH}/login"
        )
    ]
