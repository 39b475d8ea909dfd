"""JSON texts for a JWT time claim that no verifier may take for a time, nor crash on."""

import json
from typing import Any

ABSURD_TIMES = [
    "1" + "0" * 400,  # an integer no float or datetime can hold
    "99999999999999999999",
    "253402300800",  # the first second of the year 10000
    "1e400",  # json reads it as infinity
    "1e300",
    "Infinity",
    "-Infinity",
    "NaN",
    "-1",
    "-99999999999999999999",
    '"1700000000"',
    '"soon"',
    "null",
    "true",
    "[1700000000]",
    '{"seconds": 1700000000}',
]
TIME_CLAIMS = ["exp", "iat", "nbf"]


def payload_with(claims: dict[str, Any], claim: str, raw_json: str) -> bytes:
    """`claims` as JSON, with `claim` set to the literal JSON text `raw_json`."""
    placeholder = "__absurd__"
    text = json.dumps(claims | {claim: placeholder})
    return text.replace(json.dumps(placeholder), raw_json).encode()
