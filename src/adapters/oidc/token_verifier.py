"""Verifies an identity provider's JWTs (access tokens and id_tokens) with PyJWT."""

import time
from typing import Any

import jwt

from boxoffice.adapters.numeric_dates import check_times, options_without_time_checks
from boxoffice.adapters.oidc.claims import ClaimsMapper
from boxoffice.adapters.oidc.discovery import JwksCache
from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.ports.security import ExternalIdentity

# Asymmetric only: `none` proves nothing, and an HMAC "signed" with a public key is a forgery.
ALLOWED_ALGORITHMS = {"RS256": "RSA", "PS256": "RSA", "ES256": "EC"}
LEEWAY_SECONDS = 30
REQUIRED_CLAIMS = ["iss", "sub", "aud", "exp", "iat"]


class OidcTokenVerifier:
    """Signature against the provider's JWKS, then `iss`, `aud`, `exp`, `nbf` and `iat`."""

    def __init__(self, issuer: str, audience: str, keys: JwksCache, claims: ClaimsMapper) -> None:
        self._issuer = issuer
        self._audience = audience
        self._keys = keys
        self._claims = claims

    def accepts(self, token: str) -> bool:
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return False
        return isinstance(unverified, dict) and unverified.get("iss") == self._issuer

    async def verify(self, token: str, nonce: str | None = None) -> ExternalIdentity:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as e:
            raise NotAuthenticated("malformed access token") from e
        algorithm, kid = header.get("alg"), header.get("kid")
        if algorithm not in ALLOWED_ALGORITHMS or not isinstance(kid, str):
            raise NotAuthenticated("the token's algorithm or key id is not acceptable")
        key = await self._keys.key(kid)
        if key is None or key.key_type != ALLOWED_ALGORITHMS[algorithm]:
            raise NotAuthenticated("the token is signed with a key the provider does not have")
        claims = self._decode(token, key, algorithm)
        if nonce is not None and claims.get("nonce") != nonce:
            raise NotAuthenticated("the id_token belongs to another sign-in")
        return self._claims.identity(claims)

    def _decode(self, token: str, key: jwt.PyJWK, algorithm: str) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=[algorithm],
                audience=self._audience,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options=options_without_time_checks(REQUIRED_CLAIMS),
            )
            check_times(claims, time.time(), LEEWAY_SECONDS)
        except jwt.PyJWTError as e:
            raise NotAuthenticated("invalid or expired access token") from e
        if not isinstance(claims.get("sub"), str) or not claims["sub"]:
            raise NotAuthenticated("the token names no subject")
        return claims
