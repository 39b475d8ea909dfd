"""Cross-origin requests: off unless BOXOFFICE_CORS_ORIGINS names the front ends' origins."""

from litestar.config.cors import CORSConfig

from entrypoints.settings import Settings

# What a front end sends: bearer tokens, JSON bodies, idempotent bookings, its own request id.
ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-ID"]
# What it may read back besides the CORS-safelisted headers.
EXPOSED_HEADERS = [
    "Location",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
    "X-Request-ID",
    "WWW-Authenticate",
]
METHODS: list[str] = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def cors_config(settings: Settings) -> CORSConfig | None:
    origins = settings.cors_origin_list
    if not origins:
        return None
    return CORSConfig(
        allow_origins=list(origins),
        allow_methods=METHODS,  # type: ignore[arg-type]
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        # Tokens travel in the Authorization header, never in cookies: no credentials mode.
        allow_credentials=False,
        max_age=600,
    )
