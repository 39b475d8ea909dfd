"""Small values signed for a short time (the sign-in flow's cookie), with the service's secret."""

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

PURPOSE = "boxoffice-sign-in-flow"


class SignedValues:
    """An HS256 JWT under a key derived for this one purpose, with its own audience, so a
    signed value can never pass as an access token, nor an access token as a signed value."""

    def __init__(self, secret: str, ttl_seconds: int = 600) -> None:
        self._key = hashlib.sha256(f"{PURPOSE}:{secret}".encode()).hexdigest()
        self._ttl = ttl_seconds

    def dump(self, values: dict[str, str]) -> str:
        now = datetime.now(UTC)
        claims = {**values, "aud": PURPOSE, "iat": now, "exp": now + timedelta(seconds=self._ttl)}
        return jwt.encode(claims, self._key, algorithm="HS256")

    def load(self, signed: str) -> dict[str, Any] | None:
        """The values, or None when forged, expired or garbled."""
        try:
            values: dict[str, Any] = jwt.decode(
                signed, self._key, algorithms=["HS256"], audience=PURPOSE
            )
        except jwt.PyJWTError:
            return None
        return values
