from urllib.parse import quote


def content_disposition(name: str) -> str:
    """A download under its display name (RFC 6266): an ASCII fallback, and the name itself
    percent-encoded for clients that read `filename*`."""
    fallback = "".join(c if " " <= c <= "~" and c not in '"\\%' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
