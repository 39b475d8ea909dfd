"""The authorization code flow against the provider's endpoints, with httpx."""

from urllib.parse import urlencode

import httpx
from loguru import logger

from boxoffice.adapters.oidc.discovery import OidcDiscovery
from boxoffice.application.errors import ProviderSignInFailed, ProviderUnavailable


class HttpxAuthorizationServer:
    def __init__(
        self,
        client: httpx.AsyncClient,
        discovery: OidcDiscovery,
        client_id: str,
        client_secret: str,
        scopes: str,
    ) -> None:
        self._client = client
        self._discovery = discovery
        self._client_id = client_id
        self._client_secret = client_secret
        self._scopes = scopes

    async def authorization_url(
        self, *, redirect_uri: str, state: str, nonce: str, code_challenge: str
    ) -> str:
        endpoint = (await self._discovery.metadata()).authorization_endpoint
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self._client_id,
                "redirect_uri": redirect_uri,
                "scope": self._scopes,
                "state": state,
                "nonce": nonce,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"

    def _auth(self) -> httpx.Auth:
        if self._client_secret:  # client_secret_basic
            return httpx.BasicAuth(self._client_id, self._client_secret)
        return httpx.Auth()  # sends the request as it is

    async def exchange_code(self, *, code: str, redirect_uri: str, code_verifier: str) -> str:
        endpoint = (await self._discovery.metadata()).token_endpoint
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
        }
        if not self._client_secret:  # a public client proves itself with PKCE alone
            form["client_id"] = self._client_id
        try:
            response = await self._client.post(endpoint, data=form, auth=self._auth())
        except httpx.HTTPError as e:
            raise ProviderUnavailable(
                "the identity provider's token endpoint did not answer"
            ) from e
        body = _json(response)
        if response.status_code != 200:
            error = str(body.get("error", f"HTTP {response.status_code}"))[:100]
            logger.info("the identity provider refused a code: {}", error)
            raise ProviderSignInFailed(f"the identity provider refused the sign-in ({error})")
        id_token = body.get("id_token")
        if not isinstance(id_token, str):
            raise ProviderSignInFailed("the identity provider sent no id_token (scope openid?)")
        return id_token


def _json(response: httpx.Response) -> dict[str, object]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
