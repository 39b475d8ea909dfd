"""The time claims of a JWT (`exp`, `nbf`, `iat`), checked here and not by PyJWT.

RFC 7519 makes each a NumericDate: a JSON number of seconds since 1970. PyJWT passes each
through `int()`, so it takes `"123"` and `12.9` as times, and it leaves values no `datetime` can
hold (10**400, 1e300) for the caller to trip over. Both verifiers switch PyJWT's time checks
off (`options_without_time_checks`) and call `check_times` instead, so every malformed or
absurd time is an invalid token.

Both verifiers need it and neither owns it: the service's own tokens (security) and the
identity provider's (oidc) are separate adapter packages that import nothing of each other,
so the rule they share sits here, beside them, importing no adapter package itself.
"""

import math
from collections.abc import Mapping
from typing import Any

import jwt
from jwt.types import Options

TIME_CLAIMS = ("exp", "nbf", "iat")
LATEST = 253_402_300_799  # 9999-12-31T23:59:59Z, the last second a datetime can hold


def options_without_time_checks(required: list[str]) -> Options:
    """PyJWT's options: these claims required, its own time checks off (see check_times)."""
    return {"require": required, "verify_exp": False, "verify_nbf": False, "verify_iat": False}


def check_times(claims: Mapping[str, Any], now: float, leeway: float) -> None:
    """Raises a `jwt.InvalidTokenError` unless every time claim present is a plausible number,
    `exp` is still ahead, and neither `nbf` nor `iat` is ahead (each give or take `leeway`)."""
    for name in TIME_CLAIMS:
        if name in claims and not _plausible(claims[name]):
            raise jwt.DecodeError(f"{name} must be a number of seconds from 1970 to 9999")
    if "exp" in claims and claims["exp"] <= now - leeway:
        raise jwt.ExpiredSignatureError("the token has expired")
    if "nbf" in claims and claims["nbf"] > now + leeway:
        raise jwt.ImmatureSignatureError("the token is not valid yet (nbf)")
    if "iat" in claims and claims["iat"] > now + leeway:
        raise jwt.ImmatureSignatureError("the token was issued in the future (iat)")


def _plausible(value: object) -> bool:
    # bool is an int to Python, but `true` is no time to JSON.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    # Range first: math.isfinite cannot turn an int as large as 10**400 into a float.
    return 0 <= value <= LATEST and math.isfinite(value)
