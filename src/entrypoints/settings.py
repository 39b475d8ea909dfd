"""All configuration, read once from BOXOFFICE_* environment variables (and a .env file)."""

import ipaddress
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter

from boxoffice.application.models.markets import Market
from boxoffice.entrypoints.markets import parse_markets
from boxoffice.entrypoints.settings_bounds import check_bounds, check_secret
from boxoffice.entrypoints.settings_env import (
    PREFIX,
    SettingsError,
    parse,
    read_env_file,
    unknown_names,
)

__all__ = ["PREFIX", "Settings", "SettingsError", "read_env_file"]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///boxoffice.db"
TICKETMASTER_URL = "https://app.ticketmaster.com/discovery/v2"
MEMORY_BROKER_URL = "memory://"
DEFAULT_STORAGE_URL = "file://./attachments"
# Bucket names as S3 takes them: 3 to 63 lower-case letters, digits, dots and hyphens.
S3_URL = re.compile(r"s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
BROKER_SCHEMES = ("amqp://", "amqps://", "redis://", "rediss://", "unix://")
LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "SUCCESS", "WARNING", "ERROR", "CRITICAL")
# Browsers send an origin with a lower-case host and no path; the allow-list is compared exactly.
ORIGIN = re.compile(r"https?://([a-z0-9.-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?")


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    jwt_secret: str = field(default="", repr=False)
    jwt_issuer: str = "boxoffice"
    access_token_ttl_seconds: int = 1800
    bcrypt_rounds: int = 12
    open_event_creation: bool = False
    default_timezone: str = "Asia/Kolkata"
    log_json: bool = False
    log_level: str = "INFO"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    db_pool_size: int = 10
    # How long this process may answer an anonymous event list or page from memory (0: never)
    read_cache_seconds: float = 1.0
    # Request bodies: the most bytes one may have, and how long it may take to arrive
    max_body_bytes: int = 65536
    body_read_timeout_seconds: float = 10.0
    # Local accounts (register, password login, local tokens) and an OpenID provider
    local_accounts: bool = True
    oidc_issuer: str = ""
    oidc_audience: str = ""
    oidc_roles_claim: str = ""
    oidc_admin_role: str = "admin"
    oidc_client_id: str = ""
    oidc_client_secret: str = field(default="", repr=False)
    oidc_scopes: str = "openid profile email"
    oidc_frontend_url: str = ""
    oidc_provider_name: str = ""  # shown on the sign-in button; empty: the issuer's host
    oidc_jwks_refresh_seconds: int = 30
    oidc_discovery_url: str = ""
    public_url: str = ""
    # Origins of browser front ends served from elsewhere, e.g. "https://app.example.com"
    cors_origins: str = ""
    web_dir: str = ""  # the built web UI; empty: web/dist in the checkout
    # Rate limits, per client IP and window; shared by all processes through Redis if set
    redis_url: str = field(default="", repr=False)
    login_rate_limit: int = 5
    api_rate_limit: int = 0
    rate_limit_window_seconds: int = 60
    trusted_proxies: str = ""
    # Registrations per client (a signed-in user, else an address): across events, and per event
    registration_rate_limit: int = 20
    registration_event_rate_limit: int = 5
    registration_rate_window_seconds: int = 3600
    ticketmaster_base_url: str = TICKETMASTER_URL
    ticketmaster_api_key: str = field(default="", repr=False)
    ticketmaster_requests_per_second: float = 5.0
    ticketmaster_daily_budget: int = 5000
    ticketmaster_timeout_seconds: float = 10.0
    ticketmaster_markets: str = ""
    ticketmaster_days: int = 30
    ticketmaster_sync_cron: str = "17 */3 * * *"
    ticketmaster_stale_after_minutes: int = 60
    ticketmaster_fetch_budget_seconds: float = 3.0
    # On-demand refreshes (GET /events?source=ticketmaster): per caller, and in total, per window
    ticketmaster_refresh_client_limit: int = 5
    ticketmaster_refresh_limit: int = 30
    ticketmaster_refresh_window_seconds: int = 3600
    # The outbox relay: how often it looks for messages no commit of its process woke it for
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 100
    outbox_max_backoff_seconds: float = 30.0
    # Message broker between the services: memory:// (one process), amqp://, redis://
    broker_url: str = field(default=MEMORY_BROKER_URL, repr=False)
    # The notification service (`boxoffice serve notifications`)
    notifications_port: int = 8001
    notifications_channel: str = "boxoffice:notifications"
    notifications_send_queue: int = 256
    notifications_heartbeat_seconds: float = 20.0
    notifications_heartbeat_timeout_seconds: float = 10.0
    notifications_auth_timeout_seconds: float = 5.0
    # Attachments: where their files are stored, and what an upload may be
    storage_url: str = DEFAULT_STORAGE_URL
    s3_endpoint_url: str = ""  # empty: AWS itself
    s3_public_endpoint_url: str = ""  # where browsers reach the store, if not at s3_endpoint_url
    s3_region: str = "us-east-1"
    s3_access_key_id: str = field(default="", repr=False)
    s3_secret_access_key: str = field(default="", repr=False)
    s3_url_seconds: int = 300
    s3_timeout_seconds: float = 10.0
    attachment_max_bytes: int = 10 * 1024 * 1024
    attachment_max_pixels: int = 50_000_000
    attachment_upload_seconds: float = 120.0
    # Not settings: what start-up found worth a warning, and whether the secret was made up
    notices: tuple[str, ...] = field(default=(), repr=False, compare=False)
    jwt_secret_generated: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.jwt_secret:
            check_secret(self.jwt_secret)
        else:
            # Only `boxoffice serve` on SQLite keeps it (one per start, shared by its workers).
            object.__setattr__(self, "jwt_secret", secrets.token_urlsafe(32))
            object.__setattr__(self, "jwt_secret_generated", True)
        check_bounds(self)
        if not self.database_url.startswith(("sqlite+aiosqlite://", "postgresql+psycopg://")):
            raise SettingsError(
                f"{PREFIX}DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+psycopg://"
            )
        self._check_names()
        self._check_identity()
        self._check_rate_limits()
        self._check_ticketmaster()
        self._check_broker()
        self._check_storage()
        self.cors_origin_list  # noqa: B018 (parsed now, so a typo stops the start)

    def _check_names(self) -> None:
        # Any case, as people write it; loguru itself only knows upper case.
        object.__setattr__(self, "log_level", self.log_level.strip().upper())
        if self.log_level not in LOG_LEVELS:
            raise SettingsError(f"{PREFIX}LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        try:
            ZoneInfo(self.default_timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(
                f"{PREFIX}DEFAULT_TIMEZONE must be an IANA time zone such as Europe/Paris, "
                f"not {self.default_timezone!r}"
            ) from None

    def _check_broker(self) -> None:
        url = self.broker_url
        if url != MEMORY_BROKER_URL and not (
            url.startswith(BROKER_SCHEMES) and len(url) > url.index("://") + 3
        ):
            raise SettingsError(
                f"{PREFIX}BROKER_URL must be memory:// or a URL starting with "
                f"{', '.join(BROKER_SCHEMES)}"
            )

    def _check_storage(self) -> None:
        if not (
            S3_URL.fullmatch(self.storage_url)
            or (self.storage_url.startswith("file://") and len(self.storage_url) > len("file://"))
        ):
            raise SettingsError(
                f"{PREFIX}STORAGE_URL must be file://PATH (such as {DEFAULT_STORAGE_URL}) or "
                "s3://BUCKET"
            )
        for name in ("s3_endpoint_url", "s3_public_endpoint_url"):
            value = getattr(self, name)
            if value and not value.startswith(("https://", "http://")):
                raise SettingsError(f"{PREFIX}{name.upper()} must be an http(s) URL")

    @property
    def s3_bucket(self) -> str:
        return self.storage_url.removeprefix("s3://") if self.storage_url.startswith("s3:") else ""

    def _check_ticketmaster(self) -> None:
        if not self.ticketmaster_base_url.startswith(("https://", "http://")):
            raise SettingsError(f"{PREFIX}TICKETMASTER_BASE_URL must be an http(s) URL")
        if not croniter.is_valid(self.ticketmaster_sync_cron):
            raise SettingsError(
                f"{PREFIX}TICKETMASTER_SYNC_CRON must be a cron expression (5 fields, or 6 with "
                f"seconds last), not {self.ticketmaster_sync_cron!r}"
            )
        self.ticketmaster_market_list  # noqa: B018 (parsed now, so a typo stops the start)

    @property
    def ticketmaster_market_list(self) -> tuple[Market, ...]:
        try:
            return parse_markets(self.ticketmaster_markets, self.ticketmaster_days)
        except ValueError as e:
            raise SettingsError(f"{PREFIX}TICKETMASTER_MARKETS: {e}") from None

    @property
    def scheduled_sync_enabled(self) -> bool:
        """Markets to sync and a key to sync them with."""
        return bool(self.ticketmaster_api_key and self.ticketmaster_market_list)

    def _check_identity(self) -> None:
        if self.oidc_issuer and not self.oidc_issuer.startswith(("https://", "http://")):
            raise SettingsError(f"{PREFIX}OIDC_ISSUER must be an http(s) URL")
        if self.oidc_issuer and not self.oidc_audience:
            raise SettingsError(f"{PREFIX}OIDC_AUDIENCE is needed with {PREFIX}OIDC_ISSUER")
        if self.oidc_client_id and not self.oidc_issuer:
            raise SettingsError(f"{PREFIX}OIDC_CLIENT_ID needs {PREFIX}OIDC_ISSUER")
        if not self.local_accounts and not self.oidc_issuer:
            raise SettingsError(
                f"with {PREFIX}LOCAL_ACCOUNTS=false, set {PREFIX}OIDC_ISSUER, or nobody can sign in"
            )

    def _check_rate_limits(self) -> None:
        if self.redis_url and not self.redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise SettingsError(f"{PREFIX}REDIS_URL must start with redis://, rediss:// or unix://")
        self.trusted_proxy_networks  # noqa: B018 (parsed now, so a typo stops the start)

    @property
    def trusted_proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        try:
            return tuple(
                ipaddress.ip_network(item.strip(), strict=False)
                for item in self.trusted_proxies.split(",")
                if item.strip()
            )
        except ValueError:
            raise SettingsError(
                f"{PREFIX}TRUSTED_PROXIES must be IP addresses or networks separated by commas"
            ) from None

    @property
    def cors_origin_list(self) -> tuple[str, ...]:
        origins = tuple(item.strip() for item in self.cors_origins.split(",") if item.strip())
        for origin in origins:
            if not ORIGIN.fullmatch(origin):
                raise SettingsError(
                    f"{PREFIX}CORS_ORIGINS must be exact origins such as https://app.example.com "
                    f"(scheme, host and port only), separated by commas; not {origin!r}"
                )
        return origins

    @property
    def rate_limit_backend(self) -> str:
        return "redis" if self.redis_url else "memory"

    @property
    def fanout_backend(self) -> str:
        return "redis" if self.redis_url else "memory"

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def oidc_sign_in_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def oidc_display_name(self) -> str:
        return self.oidc_provider_name or urlsplit(self.oidc_issuer).hostname or "the provider"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = None
    ) -> "Settings":
        """Settings from the environment, which wins over the .env file (if there is one)."""
        values = {
            **read_env_file(env_file or Path(".env")),
            **(os.environ if environ is None else environ),
        }
        known = {PREFIX + f.name.upper(): f for f in fields(cls) if f.init and f.name != "notices"}
        kwargs: dict[str, Any] = {
            f.name: parse(key, values[key], f.type) for key, f in known.items() if key in values
        }
        return cls(**kwargs, notices=tuple(unknown_names(values, set(known))))
