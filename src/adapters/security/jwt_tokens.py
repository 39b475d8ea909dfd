"""Access tokens for local accounts: HS256 JWTs signed with the service's own secret."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import jwt

from boxoffice.adapters.numeric_dates import check_times, options_without_time_checks
from boxoffice.application.errors import NotAuthenticated
from boxoffice.application.ports.clock import Clock
from boxoffice.application.ports.security import AccessToken
from boxoffice.application.services.auth import Principal
from boxoffice.domain.users import Role, User

ALGORITHM = "HS256"
LEEWAY_SECONDS = 10
# Tokens whose signature was checked, with their claims and the caller they prove: a client
# sends the same token again and again, and PyJWT's checks of the encoding and the HMAC cost
# more than the rest of a booking's own work. The times are still checked at every use.
# Bounded: a flood of distinct tokens empties it, no more.
MAX_VERIFIED = 4096


class JwtTokenService:
    """Issues and verifies local tokens carrying the user's id, username, role and verification."""

    def __init__(self, secret: str, issuer: str, clock: Clock, ttl_seconds: int = 1800) -> None:
        self._secret = secret
        self._issuer = issuer
        self._clock = clock
        self._ttl = ttl_seconds
        self._verified: dict[str, tuple[dict[str, Any], Principal]] = {}

    def issue(self, user: User) -> AccessToken:
        now = self._clock.now()
        claims = {
            "iss": self._issuer,
            "sub": str(user.id),
            "role": user.role.value,
            "verified": user.is_verified,
            "username": user.username,
            "iat": now,
            "nbf": now,
            "exp": now + timedelta(seconds=self._ttl),
        }
        return AccessToken(jwt.encode(claims, self._secret, algorithm=ALGORITHM), self._ttl)

    async def verify(self, token: str) -> Principal:
        try:
            claims, principal = self._verified.get(token) or self._decode(token)
            check_times(claims, self._clock.now().timestamp(), LEEWAY_SECONDS)
            return principal
        except (jwt.PyJWTError, KeyError, ValueError, TypeError, OverflowError) as e:
            raise NotAuthenticated("invalid or expired access token") from e

    def _decode(self, token: str) -> tuple[dict[str, Any], Principal]:
        claims: dict[str, Any] = jwt.decode(
            token,
            self._secret,
            algorithms=[ALGORITHM],
            issuer=self._issuer,
            leeway=LEEWAY_SECONDS,
            options=options_without_time_checks(["exp", "iat", "sub", "iss"]),
        )
        # Made once per token: it says the same at every use, only its times are checked again.
        principal = Principal(
            UUID(claims["sub"]),
            Role(claims["role"]),
            bool(claims.get("verified")),
            username=str(claims.get("username", "")),
            expires_at=datetime.fromtimestamp(float(claims["exp"]), UTC),
        )
        if len(self._verified) >= MAX_VERIFIED:
            self._verified.clear()
        self._verified[token] = (claims, principal)
        return claims, principal
