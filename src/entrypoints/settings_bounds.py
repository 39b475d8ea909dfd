"""The range of every number setting, and what a token secret must be: checked at start."""

import math
from dataclasses import dataclass
from typing import Any

from boxoffice.entrypoints.settings_env import PREFIX, SettingsError


@dataclass(frozen=True, slots=True)
class Bound:
    low: float
    high: float = math.inf
    above_low: bool = False  # strictly above `low` (a positive duration: 0 is not one)

    def admits(self, value: float) -> bool:
        if not math.isfinite(value):  # float("nan") passes every comparison test
            return False
        return (value > self.low if self.above_low else value >= self.low) and value <= self.high

    def __str__(self) -> str:
        if self.high != math.inf:
            return f"between {self.low:g} and {self.high:g}"
        return "positive" if self.above_low else f"at least {self.low:g}"


POSITIVE = Bound(0, above_low=True)
AT_LEAST_1 = Bound(1)
PORT = Bound(1, 65535)

BOUNDS: dict[str, Bound] = {
    "access_token_ttl_seconds": AT_LEAST_1,
    "bcrypt_rounds": Bound(4, 16),  # bcrypt's own limits are 4 and 31; 16 already takes ~5 s
    "port": PORT,
    "workers": Bound(1, 64),
    "db_pool_size": AT_LEAST_1,
    "read_cache_seconds": Bound(0, 1),  # a change shows within a second
    "max_body_bytes": AT_LEAST_1,
    "body_read_timeout_seconds": POSITIVE,
    "oidc_jwks_refresh_seconds": Bound(0),  # 0: an unknown key id refetches every time
    "login_rate_limit": AT_LEAST_1,
    "api_rate_limit": Bound(0),  # 0 turns it off
    "rate_limit_window_seconds": AT_LEAST_1,
    "registration_rate_limit": Bound(0),  # 0 turns it off
    "registration_event_rate_limit": Bound(0),
    "registration_rate_window_seconds": AT_LEAST_1,
    "ticketmaster_refresh_client_limit": Bound(0),
    "ticketmaster_refresh_limit": Bound(0),
    "ticketmaster_refresh_window_seconds": AT_LEAST_1,
    "ticketmaster_requests_per_second": POSITIVE,
    "ticketmaster_daily_budget": AT_LEAST_1,
    "ticketmaster_timeout_seconds": POSITIVE,
    "ticketmaster_days": AT_LEAST_1,
    "ticketmaster_stale_after_minutes": AT_LEAST_1,
    "ticketmaster_fetch_budget_seconds": POSITIVE,
    "outbox_poll_seconds": POSITIVE,
    "outbox_batch_size": AT_LEAST_1,
    "outbox_max_backoff_seconds": POSITIVE,
    "notifications_port": PORT,
    "notifications_send_queue": AT_LEAST_1,
    "notifications_heartbeat_seconds": POSITIVE,
    "notifications_heartbeat_timeout_seconds": POSITIVE,
    "notifications_auth_timeout_seconds": POSITIVE,
    "s3_url_seconds": Bound(1, 604800),  # S3 signs URLs for at most 7 days
    "s3_timeout_seconds": POSITIVE,
    "attachment_max_bytes": AT_LEAST_1,
    "attachment_max_pixels": AT_LEAST_1,
    "attachment_upload_seconds": POSITIVE,
}


def check_bounds(settings: Any) -> None:
    for name, bound in BOUNDS.items():
        value = getattr(settings, name)
        if not bound.admits(value):
            raise SettingsError(f"{PREFIX}{name.upper()} must be {bound}, not {value!r}")


MIN_SECRET_BYTES = 32
MIN_DISTINCT_CHARACTERS = 10
# Published in examples (this project's old compose file among them): anyone can sign with them.
PLACEHOLDER_WORDS = ("changeme", "replaceme", "placeholder", "yoursecret", "insecure", "xxxxxxxx")
GENERATE = "python -c 'import secrets; print(secrets.token_urlsafe(48))'"


def check_secret(secret: str) -> None:
    """Refuse a token secret that is short, a known placeholder, or plainly not random."""
    name = f"{PREFIX}JWT_SECRET"
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise SettingsError(f"{name} must be {MIN_SECRET_BYTES}+ bytes; make one: {GENERATE}")
    letters = "".join(c for c in secret.lower() if c.isalnum())
    if any(word in letters for word in PLACEHOLDER_WORDS):
        raise SettingsError(f"{name} is a placeholder anyone can sign with; make one: {GENERATE}")
    if len(set(secret)) < MIN_DISTINCT_CHARACTERS:
        raise SettingsError(f"{name} is not random enough; make one: {GENERATE}")
