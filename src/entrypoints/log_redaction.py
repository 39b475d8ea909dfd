"""Masks secrets in text bound for a log line: the configured secret values themselves, and
anything shaped like a secret (bearer tokens, JWTs, URL passwords, `password=...` fields,
`apikey=` query values), whichever code path or library the text came from."""

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from boxoffice.entrypoints.settings import Settings

MASK = "[redacted]"
# Shorter configured values would mask ordinary words; the patterns below still catch them
# where they sit in a URL or a key=value field.
MIN_LITERAL_LENGTH = 6

# Eight characters at least: "bearer of bad news" is no credential.
_BEARER = re.compile(r"\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE)
# A JWT's header starts with `{"` in base64url; a fragment of one is still a credential.
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){0,2}")
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^:/@\s]*):[^@/\s]+@", re.IGNORECASE)
_SECRET_FIELD = re.compile(
    r"""(?P<key>\b\w*(?:password|passwd|pwd|secret|token|api_?key|authorization|cookie"""
    r"""|signature|credential)\w*)"""
    r"""(?P<sep>["']?\s*[:=]\s*)"""
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|(?:Basic|Digest)\s+[^\s,;'"]+"""
    r"""|(?!\[redacted\]|Bearer\s+\[redacted\])[^\s&,;)}\]]+)""",
    re.IGNORECASE,
)


# Looked for first, in the lowercased text: most lines hold nothing the patterns above match.
_SUSPECT = (
    r"://|bearer|eyj|passw|pwd|secret|token|api_?key|authorization|cookie|signature|credential"
)


class Redactor:
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        literals = sorted({s for s in secrets if len(s) >= MIN_LITERAL_LENGTH}, key=len)
        escaped = [re.escape(s) for s in reversed(literals)]  # the longest first
        self._literals = re.compile("|".join(escaped)) if escaped else None
        self._suspect = re.compile("|".join([*(e.lower() for e in escaped), _SUSPECT]))

    def __call__(self, text: str) -> str:
        if not self._suspect.search(text.lower()):
            return text
        if self._literals is not None:
            text = self._literals.sub(MASK, text)
        text = _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)
        text = _JWT.sub(MASK, text)
        text = _URL_PASSWORD.sub(lambda m: f"{m.group('head')}:{MASK}@", text)
        return _SECRET_FIELD.sub(_mask_field, text)


def _mask_field(match: re.Match[str]) -> str:
    value = match.group("value")
    quote = value[0] if value[:1] in ("'", '"') else ""
    return f"{match.group('key')}{match.group('sep')}{quote}{MASK}{quote}"


def secrets_of(settings: Settings) -> tuple[str, ...]:
    """Every configured value that must never be logged, URL passwords included."""
    values = [
        settings.identity.jwt_secret,
        settings.identity.oidc_client_secret,
        settings.ticketmaster.api_key,
    ]
    values += [settings.storage.s3_secret_access_key, settings.storage.s3_access_key_id]
    for url in (settings.database.url, settings.redis.url, settings.broker.url):
        values.append(_password_of(url))
    return tuple(v for v in values if v)


def _password_of(url: str) -> str:
    try:
        return urlsplit(url).password or ""
    except ValueError:
        return ""
