"""An OpenID provider's metadata and signing keys, fetched with httpx and cached."""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
from loguru import logger

from boxoffice.application.errors import ProviderUnavailable

SIGNING_KEY_TYPES = {"RSA", "EC"}


@dataclass(frozen=True, slots=True)
class ProviderMetadata:
    issuer: str
    jwks_uri: str
    authorization_endpoint: str
    token_endpoint: str


class OidcDiscovery:
    """`<issuer>/.well-known/openid-configuration`, read once and kept."""

    def __init__(self, client: httpx.AsyncClient, issuer: str, discovery_url: str = "") -> None:
        self._client = client
        self._issuer = issuer
        # Another address of the same document, when the service reaches the provider by a
        # name other than the public one in its issuer (as containers in one network do).
        self._url = discovery_url or issuer.rstrip("/") + "/.well-known/openid-configuration"
        self._metadata: ProviderMetadata | None = None
        self._lock = asyncio.Lock()

    @property
    def issuer(self) -> str:
        return self._issuer

    async def metadata(self) -> ProviderMetadata:
        async with self._lock:
            if self._metadata is None:
                document = await fetch_json(self._client, self._url)
                try:
                    self._metadata = ProviderMetadata(
                        issuer=str(document["issuer"]),
                        jwks_uri=str(document["jwks_uri"]),
                        authorization_endpoint=str(document["authorization_endpoint"]),
                        token_endpoint=str(document["token_endpoint"]),
                    )
                except KeyError as e:
                    raise ProviderUnavailable(f"the provider's metadata lacks {e}") from e
            return self._metadata


class JwksCache:
    """The provider's public keys by `kid`. Fetched on first need and kept; an unknown `kid`
    refetches them (key rotation), at most once per `min_refresh_seconds`, so a flood of
    tokens with made-up key ids costs the provider nothing."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        discovery: OidcDiscovery,
        min_refresh_seconds: float = 30.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._discovery = discovery
        self._min_refresh = min_refresh_seconds
        self._monotonic = monotonic
        self._keys: dict[str, jwt.PyJWK] | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def key(self, kid: str) -> jwt.PyJWK | None:
        if self._keys is not None and kid in self._keys:
            return self._keys[kid]
        async with self._lock:  # one fetch, however many requests are waiting for it
            stale = self._monotonic() - self._fetched_at >= self._min_refresh
            if self._keys is None or (kid not in self._keys and stale):
                await self._refresh()
            return (self._keys or {}).get(kid)

    async def _refresh(self) -> None:
        jwks_uri = (await self._discovery.metadata()).jwks_uri
        document = await fetch_json(self._client, jwks_uri)
        self._fetched_at = self._monotonic()
        self._keys = dict(_signing_keys(document.get("keys")))
        logger.info("fetched {} signing keys from the identity provider", len(self._keys))


def _signing_keys(entries: Any) -> list[tuple[str, jwt.PyJWK]]:
    found = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
            continue
        if entry.get("kty") not in SIGNING_KEY_TYPES or not isinstance(entry.get("kid"), str):
            continue
        try:
            found.append((entry["kid"], jwt.PyJWK(entry)))
        except jwt.PyJWTError:
            logger.warning("skipped an unusable key {} of the identity provider", entry["kid"])
    return found


async def fetch_json(client: httpx.AsyncClient, url: str) -> dict[str, Any]:
    try:
        response = await client.get(url)
        response.raise_for_status()
        document = response.json()
    except (httpx.HTTPError, ValueError) as e:
        logger.warning("identity provider request to {} failed: {}", url, e)
        raise ProviderUnavailable("the identity provider did not answer as expected") from e
    if not isinstance(document, dict):
        raise ProviderUnavailable("the identity provider answered with something unexpected")
    return document
