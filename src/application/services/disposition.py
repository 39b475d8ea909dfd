"""The name an attachment downloads under, the same wherever it is served from: streamed by
the service (its HTTP answer) or from a short-lived storage URL (the S3 adapter asks the storage
to answer with it). Both sides use it, so it sits below both; standard library only."""

from urllib.parse import quote


def content_disposition(name: str) -> str:
    """A download under its display name (RFC 6266): an ASCII fallback, and the name itself
    percent-encoded for clients that read `filename*`."""
    fallback = "".join(c if " " <= c <= "~" and c not in '"\\%' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
