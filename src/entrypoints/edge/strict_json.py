"""Request bodies are decoded straight into the handler's wire type, strictly.

Litestar decodes a body to plain Python first and then converts it with msgspec's lax mode
(made for query strings), so `"quantity": "2"` became an int and `"start_time": 1` a
datetime. Decoding the bytes with the target type and `strict=True` refuses them, fails on
the first wrong token (a deeply nested array never becomes Python objects), and is the one
place every JSON body goes through.
"""

import json
import re
from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_415_UNSUPPORTED_MEDIA_TYPE
from litestar.types import Empty

from boxoffice.entrypoints.edge.nul_guard import refuse_nul_in_json

_JSON_MEDIA_TYPE = re.compile(r"^application/(?:[a-z0-9.+-]+\+)?json$")
_AT_PATH = re.compile(r" - at `\$\.?(.*)`$")
_FLOAT_FOR_INT = re.compile(r"^Expected `[^`]*\bint\b[^`]*`, got `float`")


class UnsupportedMediaType(HTTPException):
    status_code = HTTP_415_UNSUPPORTED_MEDIA_TYPE


class StrictJsonRequest(Request[Any, Any, Any]):
    async def json(self) -> Any:
        if self._json is Empty:
            self._json = decode_body(
                await self.body(), self.headers.get("content-type"), self._body_type()
            )
        return self._json

    def _body_type(self) -> Any:
        data = self.route_handler.parsed_fn_signature.parameters.get("data")
        return Any if data is None else data.annotation


def decode_body(body: bytes, content_type: str | None, target: Any) -> Any:
    media_type = (content_type or "").partition(";")[0].strip().lower()
    if not _JSON_MEDIA_TYPE.match(media_type):
        sent = f"as {media_type[:100]}" if media_type else "without a Content-Type"
        raise UnsupportedMediaType(detail=f"send the body as application/json, not {sent}")
    refuse_nul_in_json(body)
    try:
        decoded = msgspec.json.decode(body, type=target, strict=True)
    except msgspec.ValidationError as e:
        if not _FLOAT_FOR_INT.match(str(e)):
            raise _invalid(str(e)) from None
        decoded = _with_integral_numbers(body, target)
    except msgspec.DecodeError as e:
        raise _invalid(f"malformed JSON: {e}") from None
    except RecursionError:  # msgspec's own depth limit, for a target that takes any value
        raise _invalid("the JSON nests too deeply") from None
    # Numbers stay text: only the keys matter here (and int() refuses 4,300+ digits).
    _KEYS_ONLY.decode(body.decode(json.detect_encoding(body), "surrogatepass"))
    return decoded


def _with_integral_numbers(body: bytes, target: Any) -> Any:
    """JSON has one number type, and JSON Schema (so the API document) counts `2.0` or `1e1`
    as the integers 2 and 10: only a number with a fraction is refused where an integer is
    due. Text is never a number (`"2"` stays a 400)."""
    try:
        return msgspec.convert(_integral(msgspec.json.decode(body)), target, strict=True)
    except msgspec.ValidationError as e:
        raise _invalid(str(e)) from None


def _integral(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_integral(item) for item in value]
    if isinstance(value, dict):
        return {key: _integral(item) for key, item in value.items()}
    return value


def _refuse_repeated_keys(pairs: list[tuple[str, Any]]) -> None:
    """`{"quantity": 1, "quantity": 5}` means 5 to msgspec and 1 to some other readers: like a
    repeated query parameter, it has no one answer. Run after the typed decode succeeded,
    so the body is known to be well-formed and of bounded depth."""
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise ValidationException(
                f"{key} is given more than once",
                extra=[{"key": key, "source": "body", "message": "is given more than once"}],
            )


# Made once: json.loads with options builds a new decoder at every call.
_KEYS_ONLY = json.JSONDecoder(
    object_pairs_hook=_refuse_repeated_keys, parse_int=str, parse_float=str
)


def _invalid(message: str) -> ValidationException:
    at = _AT_PATH.search(message)
    key = at.group(1) if at and at.group(1) else "data"
    text = message[: at.start()] if at else message
    error = {"key": key, "source": "body", "message": text}
    return ValidationException(text, extra=[error])
